using System.Text;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;
using NurtureHealth.Messaging;
using NurtureHealth.Sequences;
using NurtureHealth.Tracking;

namespace NurtureHealth.Storage;

/// <summary>The NurtureHealth database: contacts, leads, rejected records and imports.</summary>
/// <remarks>
/// Tables and columns are snake_case so operators can query them by hand. On SQLite every instant is
/// stored as UTC Unix milliseconds (INTEGER), so it sorts and compares in SQL; see <see cref="SqliteInstant"/>.
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
    public DbSet<RejectedEvent> RejectedEvents => Set<RejectedEvent>();
    public DbSet<Suppression> Suppressions => Set<Suppression>();
    public DbSet<Fhir.FhirWatermark> FhirWatermarks => Set<Fhir.FhirWatermark>();
    public DbSet<Fhir.WriteBackRecord> FhirWriteBacks => Set<Fhir.WriteBackRecord>();
    public DbSet<Scoring.ScoreChange> ScoreChanges => Set<Scoring.ScoreChange>();
    public DbSet<Scoring.HandOff> HandOffs => Set<Scoring.HandOff>();
    public DbSet<Messaging.Sms.InboundMessage> InboundMessages => Set<Messaging.Sms.InboundMessage>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<SqliteInstant.Converter>();
        }
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LeadImport>(e =>
        {
            e.ToTable("imports");
            e.Property(i => i.SourceName).HasMaxLength(500);
            e.Property(i => i.Format).HasMaxLength(16);
        });

        modelBuilder.Entity<Contact>(e =>
        {
            e.ToTable("contacts");
            e.HasIndex(c => c.Email).IsUnique();
            e.HasIndex(c => c.Phone).IsUnique();
            e.HasOne<Contact>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Lead>(e =>
        {
            e.ToTable("leads");
            e.HasIndex(l => l.ExternalId).IsUnique();
            e.HasIndex(l => l.ContactId);
            e.HasIndex(l => new { l.LocationId, l.Status });
            e.HasOne<Contact>().WithMany().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<LeadImport>().WithMany().HasForeignKey(l => l.ImportId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RejectedLead>(e =>
        {
            e.ToTable("rejected_leads");
            e.HasIndex(r => r.ImportId);
            e.HasOne<LeadImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Lead>(e => e.HasIndex(l => l.EnrollmentOutcome));

        modelBuilder.Entity<Enrollment>(e =>
        {
            e.ToTable("enrollments");
            e.HasIndex(x => new { x.ContactId, x.SequenceId }).IsUnique().HasFilter("status = 'active'");
            e.HasIndex(x => new { x.LocationId, x.Status });
            e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Lead>().WithMany().HasForeignKey(x => x.LeadId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Touch>(e =>
        {
            e.ToTable("touches");
            e.HasIndex(x => new { x.Status, x.DueAt });
            e.HasIndex(x => x.ContactId);
            e.HasIndex(x => x.EnrollmentId);
            e.HasOne<Enrollment>().WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<ContactEvent>(e =>
        {
            e.ToTable("contact_events");
            e.HasIndex(x => x.ContactId);
            e.HasIndex(x => new { x.Source, x.ExternalId }).IsUnique();
            e.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<RejectedEvent>(e => e.ToTable("rejected_events"));
        modelBuilder.Entity<Suppression>(e =>
        {
            e.ToTable("suppressions");
            e.HasIndex(x => new { x.Channel, x.Address }).IsUnique();
        });
        modelBuilder.Entity<Touch>(e => e.HasIndex(x => x.ProviderMessageId));
        modelBuilder.Entity<Fhir.FhirWatermark>(e =>
        {
            e.ToTable("fhir_watermarks");
            e.HasKey(x => x.Name);
        });
        modelBuilder.Entity<Lead>(e => e.HasIndex(l => l.SourceReference));
        modelBuilder.Entity<Fhir.WriteBackRecord>(e =>
        {
            e.ToTable("fhir_write_backs");
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Identifier).HasMaxLength(64);
            e.HasIndex(x => x.Identifier).IsUnique();
            e.HasIndex(x => new { x.Kind, x.TouchId }).IsUnique();
            e.HasIndex(x => new { x.Kind, x.ContactEventId }).IsUnique();
            e.HasIndex(x => new { x.Kind, x.HandOffId }).IsUnique();
            e.HasIndex(x => new { x.Status, x.Id });
            e.HasIndex(x => x.EnrollmentId);
        });

        modelBuilder.Entity<Scoring.ScoreChange>(e =>
        {
            e.ToTable("score_changes");
            e.HasIndex(x => new { x.ContactId, x.At });
        });

        modelBuilder.Entity<Scoring.HandOff>(e =>
        {
            e.ToTable("hand_offs");
            e.Property(x => x.Reason).HasMaxLength(16);
            e.HasIndex(x => new { x.ContactId, x.Reason });
            e.HasIndex(x => x.NotifiedAt);
        });

        modelBuilder.Entity<Messaging.Sms.InboundMessage>(e =>
        {
            e.ToTable("inbound_messages");
            e.Property(x => x.MessageSid).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.HasIndex(x => x.MessageSid).IsUnique();
        });

        UseSnakeCase(modelBuilder);
    }

    private static void UseSnakeCase(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
