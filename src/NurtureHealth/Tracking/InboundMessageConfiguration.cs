using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Tracking;

/// <summary>How <see cref="InboundMessage"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> e)
    {
        e.ToTable("inbound_messages");
        e.Property(x => x.MessageSid).HasMaxLength(64);
        e.Property(x => x.Kind).HasMaxLength(16);
        e.HasIndex(x => x.MessageSid).IsUnique();
    }
}
