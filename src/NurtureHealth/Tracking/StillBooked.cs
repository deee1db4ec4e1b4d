using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// Which enrollments remind of an appointment still booked: a booking, a reply or an arrival elsewhere leaves those
/// reminders be, whatever it does to the person's other enrollments.
/// </summary>
internal static class StillBooked
{
    /// <summary>The appointments among these enrollments' that are still booked.</summary>
    public static async Task<HashSet<long>> AmongAsync(NurtureDbContext db, IEnumerable<Enrollment> enrollments, CancellationToken cancellationToken)
    {
        var ids = enrollments.Select(e => e.AppointmentId).OfType<long>().Distinct().ToList();
        return ids.Count == 0 ? [] : (await db.Appointments.Where(a => ids.Contains(a.Id) && a.Status == AppointmentStatus.Booked).Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();
    }
}
