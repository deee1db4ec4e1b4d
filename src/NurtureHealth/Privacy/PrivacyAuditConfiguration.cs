using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Privacy;

/// <summary>How <see cref="PrivacyAudit"/> is stored.</summary>
internal sealed class PrivacyAuditConfiguration : IEntityTypeConfiguration<PrivacyAudit>
{
    public void Configure(EntityTypeBuilder<PrivacyAudit> e)
    {
        e.ToTable("privacy_audit");
        e.HasIndex(x => x.At);
    }
}
