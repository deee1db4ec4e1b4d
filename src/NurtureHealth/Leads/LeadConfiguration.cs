using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Leads;

/// <summary>How <see cref="Lead"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> e)
    {
        e.ToTable("leads");
        e.HasIndex(l => l.ExternalId).IsUnique();
        e.HasIndex(l => l.ContactId);
        e.HasIndex(l => new { l.LocationId, l.Status });
        e.HasIndex(l => l.EnrollmentOutcome);
        e.HasIndex(l => l.SourceReference);
        e.HasOne<Contact>().WithMany().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany<Touches.Enrollment>().WithOne().HasForeignKey(x => x.LeadId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<LeadImport>().WithMany().HasForeignKey(l => l.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}
