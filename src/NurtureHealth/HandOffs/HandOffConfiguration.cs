using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.HandOffs;

/// <summary>How <see cref="HandOff"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class HandOffConfiguration : IEntityTypeConfiguration<HandOff>
{
    public void Configure(EntityTypeBuilder<HandOff> e)
    {
        e.ToTable("hand_offs");
        e.Property(x => x.Reason).HasMaxLength(16);
        e.Property(x => x.Phone).HasMaxLength(32);
        e.HasIndex(x => new { x.ContactId, x.Reason });
        e.HasIndex(x => x.NotifiedAt);
    }
}
