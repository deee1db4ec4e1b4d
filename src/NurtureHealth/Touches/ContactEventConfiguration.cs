using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Touches;

/// <summary>How <see cref="ContactEvent"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class ContactEventConfiguration : IEntityTypeConfiguration<ContactEvent>
{
    public void Configure(EntityTypeBuilder<ContactEvent> e)
    {
        e.Property(x => x.Channel).HasConversion<StoredName.Converter<Channel>>();
        e.ToTable("contact_events");
        e.HasIndex(x => x.ContactId);
        e.HasIndex(x => new { x.Source, x.ExternalId }).IsUnique();
    }
}
