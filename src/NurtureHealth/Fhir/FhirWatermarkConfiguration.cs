using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Fhir;

/// <summary>How <see cref="FhirWatermark"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class FhirWatermarkConfiguration : IEntityTypeConfiguration<FhirWatermark>
{
    public void Configure(EntityTypeBuilder<FhirWatermark> e)
    {
        e.ToTable("fhir_watermarks");
        e.HasKey(x => x.Name);
    }
}
