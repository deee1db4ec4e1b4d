using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Messaging;

/// <summary>How <see cref="Touch"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class TouchConfiguration : IEntityTypeConfiguration<Touch>
{
    public void Configure(EntityTypeBuilder<Touch> e)
    {
        e.ToTable("touches");
        e.HasIndex(x => new { x.Status, x.DueAt });
        e.HasIndex(x => x.ContactId);
        e.HasIndex(x => x.EnrollmentId);
        e.HasIndex(x => x.ProviderMessageId);
        e.HasOne<Sequences.Enrollment>().WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
