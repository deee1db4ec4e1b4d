using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Leads;

/// <summary>How <see cref="RejectedLead"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class RejectedLeadConfiguration : IEntityTypeConfiguration<RejectedLead>
{
    public void Configure(EntityTypeBuilder<RejectedLead> e)
    {
        e.ToTable("rejected_leads");
        e.HasIndex(r => r.ImportId);
        e.HasOne<LeadImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}
