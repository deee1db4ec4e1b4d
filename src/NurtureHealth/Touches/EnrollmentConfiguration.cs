using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Touches;

/// <summary>How <see cref="Enrollment"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> e)
    {
        e.Property(x => x.Status).HasConversion<StoredName.Converter<EnrollmentStatus>>().HasMaxLength(16);
        e.ToTable("enrollments");
        // One active nurture enrollment per person and sequence; appointment journeys are one per appointment (two bookings, two sets of reminders).
        e.HasIndex(x => new { x.ContactId, x.SequenceId }).IsUnique().HasFilter("status = 'active' AND appointment_id IS NULL");
        e.HasIndex(x => new { x.LocationId, x.Status });
        e.HasIndex(x => x.PlanPending).HasFilter("plan_pending");
        // The keys to contacts and leads are declared on their side (Leads/), which knows the touch core, not the other way round.
    }
}
