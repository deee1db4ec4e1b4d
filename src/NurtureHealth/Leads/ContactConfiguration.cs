using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Leads;

/// <summary>How <see cref="Contact"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> e)
    {
        e.ToTable("contacts");
        e.HasIndex(c => c.Email).IsUnique();
        e.HasIndex(c => c.Phone).IsUnique();
        e.HasOne<Contact>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany<Touches.Enrollment>().WithOne().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany<Touches.ContactEvent>().WithOne().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);

        // Intake writes contacts with its own statements and leaves the score to scoring: a new contact starts at 0.
        e.Property(c => c.Score).HasDefaultValue(0.0);
    }
}
