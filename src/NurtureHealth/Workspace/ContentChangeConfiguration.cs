using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Workspace;

/// <summary>How <see cref="ContentChange"/> is stored.</summary>
internal sealed class ContentChangeConfiguration : IEntityTypeConfiguration<ContentChange>
{
    public void Configure(EntityTypeBuilder<ContentChange> e)
    {
        e.ToTable("content_changes");
        e.Property(x => x.Status).HasConversion<Touches.StoredName.Converter<ChangeStatus>>().HasMaxLength(16);
        e.Property(x => x.LocationId).HasMaxLength(100);
        e.Property(x => x.File).HasMaxLength(400);
        e.HasIndex(x => new { x.LocationId, x.CreatedAt });
        e.HasIndex(x => x.Status);
    }
}
