using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NurtureHealth.Touches;

namespace NurtureHealth.Leads;

/// <summary>How <see cref="Suppression"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class SuppressionConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> e)
    {
        e.Property(x => x.Channel).HasConversion<StoredName.Converter<Channel>>();
        e.ToTable("suppressions");
        e.HasIndex(x => new { x.Channel, x.Address }).IsUnique();
    }
}
