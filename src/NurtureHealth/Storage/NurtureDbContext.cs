using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;

namespace NurtureHealth.Storage;

/// <summary>The NurtureHealth database: contacts, leads, rejected records and imports.</summary>
/// <remarks>
/// Tables and columns are snake_case (EFCore.NamingConventions) so operators can query them by hand. On SQLite every instant is
/// stored as UTC Unix milliseconds (INTEGER), so it sorts and compares in SQL (see <see cref="SqliteInstant"/>); on PostgreSQL
/// it is a <c>timestamptz</c>, written in UTC.
/// </remarks>
public sealed class NurtureDbContext(DbContextOptions<NurtureDbContext> options) : DbContext(options)
{
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<RejectedLead> RejectedLeads => Set<RejectedLead>();
    public DbSet<LeadImport> Imports => Set<LeadImport>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<Touch> Touches => Set<Touch>();
    public DbSet<ContactEvent> ContactEvents => Set<ContactEvent>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<AppointmentChange> AppointmentChanges => Set<AppointmentChange>();
    public DbSet<RejectedEvent> RejectedEvents => Set<RejectedEvent>();
    public DbSet<Suppression> Suppressions => Set<Suppression>();
    public DbSet<Fhir.FhirWatermark> FhirWatermarks => Set<Fhir.FhirWatermark>();
    public DbSet<Fhir.WriteBackRecord> FhirWriteBacks => Set<Fhir.WriteBackRecord>();
    public DbSet<Scoring.ScoreChange> ScoreChanges => Set<Scoring.ScoreChange>();
    public DbSet<global::NurtureHealth.HandOffs.HandOff> HandOffs => Set<global::NurtureHealth.HandOffs.HandOff>();
    public DbSet<Tracking.InboundMessage> InboundMessages => Set<Tracking.InboundMessage>();
    public DbSet<Privacy.PrivacyAudit> PrivacyAudits => Set<Privacy.PrivacyAudit>();
    public DbSet<Workspace.ContentChange> ContentChanges => Set<Workspace.ContentChange>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<SqliteInstant.Converter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<StoredInstant.UtcConverter>();
        }
    }

    /// <inheritdoc />
    /// <remarks>Each entity's mapping lives beside it (an <c>IEntityTypeConfiguration</c> in its feature folder).</remarks>
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyConfigurationsFromAssembly(typeof(NurtureDbContext).Assembly);
}
