using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Tracking;

/// <summary>How <see cref="RejectedEvent"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class RejectedEventConfiguration : IEntityTypeConfiguration<RejectedEvent>
{
    public void Configure(EntityTypeBuilder<RejectedEvent> e)
    {
        e.ToTable("rejected_events");
    }
}
