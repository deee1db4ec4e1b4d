using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Fhir;

/// <summary>How <see cref="WriteBackRecord"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class WriteBackRecordConfiguration : IEntityTypeConfiguration<WriteBackRecord>
{
    public void Configure(EntityTypeBuilder<WriteBackRecord> e)
    {
        e.ToTable("fhir_write_backs");
        e.Property(x => x.Kind).HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(16);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Identifier).HasMaxLength(64);
        e.Property(x => x.RefusedUnder).HasMaxLength(16);
        e.HasIndex(x => x.Identifier).IsUnique();
        e.HasIndex(x => new { x.Kind, x.TouchId }).IsUnique();
        e.HasIndex(x => new { x.Kind, x.HandOffId }).IsUnique();
        e.HasIndex(x => new { x.Status, x.Id });
        e.HasIndex(x => x.EnrollmentId);
    }
}
