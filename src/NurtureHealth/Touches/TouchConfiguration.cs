using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Touches;

/// <summary>How <see cref="Touch"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class TouchConfiguration : IEntityTypeConfiguration<Touch>
{
    public void Configure(EntityTypeBuilder<Touch> e)
    {
        e.Property(x => x.Status).HasConversion<StoredName.Converter<TouchStatus>>().HasMaxLength(16);
        e.Property(x => x.Kind).HasConversion<StoredName.Converter<StepKind>>().HasMaxLength(8);
        e.Property(x => x.Channel).HasConversion<StoredName.Converter<Channel>>().HasMaxLength(8);
        e.ToTable("touches");
        e.HasIndex(x => new { x.Status, x.DueAt });
        e.HasIndex(x => x.ContactId);
        e.HasIndex(x => x.EnrollmentId);
        e.HasIndex(x => x.ProviderMessageId);
        e.HasOne<Enrollment>().WithMany().HasForeignKey(x => x.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
