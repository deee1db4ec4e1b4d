using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Leads;

/// <summary>How <see cref="LeadImport"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class LeadImportConfiguration : IEntityTypeConfiguration<LeadImport>
{
    public void Configure(EntityTypeBuilder<LeadImport> e)
    {
        e.ToTable("imports");
        e.Property(i => i.SourceName).HasMaxLength(500);
        e.Property(i => i.Format).HasMaxLength(16);
    }
}
