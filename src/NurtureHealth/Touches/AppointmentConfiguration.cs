using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Touches;

/// <summary>How <see cref="Appointment"/> and its history are stored.</summary>
internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>, IEntityTypeConfiguration<AppointmentChange>
{
    public void Configure(EntityTypeBuilder<Appointment> e)
    {
        e.Property(x => x.Status).HasConversion<StoredName.Converter<AppointmentStatus>>().HasMaxLength(16);
        e.Property(x => x.BookingId).HasMaxLength(300);
        e.ToTable("appointments");
        e.HasIndex(x => x.BookingId).IsUnique();
        e.HasIndex(x => x.ContactId);
        e.HasIndex(x => new { x.LocationId, x.Status });
    }

    public void Configure(EntityTypeBuilder<AppointmentChange> e)
    {
        e.Property(x => x.Change).HasMaxLength(32);
        e.ToTable("appointment_changes");
        e.HasIndex(x => x.AppointmentId);
        e.HasOne<Appointment>().WithMany().HasForeignKey(x => x.AppointmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
