using Microsoft.EntityFrameworkCore;
using NurtureHealth.Locations;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Reporting;

/// <summary>
/// One location's funnel after the booking (or the total's, with location "total"): appointments booked, confirmed,
/// rescheduled, cancelled and re-booked, missed and recovered, attended, and the show rate.
/// </summary>
/// <param name="Location">The location id.</param>
/// <param name="Booked">Appointments booked in the period (a re-booking is a new appointment).</param>
/// <param name="RemindersSent">Confirmations and reminders sent for them.</param>
/// <param name="Confirmed">Appointments the patient confirmed by text.</param>
/// <param name="Rescheduled">Appointments moved at least once.</param>
/// <param name="Cancelled">Appointments cancelled.</param>
/// <param name="Rebooked">Of those, cancellations the patient booked again after.</param>
/// <param name="NoShows">Appointments the patient missed.</param>
/// <param name="Recovered">Of those, no-shows the patient booked again after.</param>
/// <param name="Attended">Appointments the patient came to.</param>
/// <param name="ShowRate">Attended ÷ (attended + missed), in percent (one decimal); null before any visit was due.</param>
public sealed record VisitFunnel(string Location, int Booked, int RemindersSent, int Confirmed, int Rescheduled, int Cancelled, int Rebooked, int NoShows, int Recovered, int Attended,
    double? ShowRate)
{
    /// <summary>The columns after the location, as every report format names them.</summary>
    public static IReadOnlyList<string> Columns => ReportText.VisitColumns;

    /// <summary>The row's values, one per column, written as the report writes them.</summary>
    public IReadOnlyList<string> Values() => ReportText.Values(this);

    /// <summary>The visit funnel of every location with an appointment, then the total.</summary>
    public static async Task<IReadOnlyList<VisitFunnel>> BuildAsync(NurtureDbContext db, ClinicGroup group, ReportFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Appointments.AsNoTracking();
        if (filter.Since is { } since)
        {
            query = query.Where(a => a.BookedAt >= since);
        }

        if (filter.Until is { } until)
        {
            query = query.Where(a => a.BookedAt < until);
        }

        if (filter.Location is { } location)
        {
            query = query.Where(a => a.LocationId == location);
        }

        var appointments = await query.ToListAsync(cancellationToken);
        var ids = appointments.Select(a => a.Id).ToHashSet();
        var rebooked = (await db.Appointments.AsNoTracking().Where(a => a.RebooksId != null).Select(a => a.RebooksId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        var moved = (await db.AppointmentChanges.AsNoTracking().Where(c => c.Change == "rescheduled").Select(c => c.AppointmentId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var reminders = (await db.Touches.AsNoTracking().Where(t => t.Care && t.Status == TouchStatus.Sent)
                .Join(db.Enrollments, t => t.EnrollmentId, e => e.Id, (t, e) => e.AppointmentId).ToListAsync(cancellationToken))
            .OfType<long>().Where(ids.Contains).GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());

        VisitFunnel Row(string name, IReadOnlyCollection<Appointment> rows)
        {
            var attended = rows.Count(a => a.Status == AppointmentStatus.Attended);
            var missed = rows.Count(a => a.Status == AppointmentStatus.NoShow);
            return new VisitFunnel(name, rows.Count, rows.Sum(a => reminders.GetValueOrDefault(a.Id)), rows.Count(a => a.ConfirmedAt != null), rows.Count(a => moved.Contains(a.Id)),
                rows.Count(a => a.Status == AppointmentStatus.Cancelled), rows.Count(a => a.Status == AppointmentStatus.Cancelled && rebooked.Contains(a.Id)),
                missed, rows.Count(a => a.Status == AppointmentStatus.NoShow && rebooked.Contains(a.Id)), attended,
                attended + missed == 0 ? null : Math.Round(100.0 * attended / (attended + missed), 1));
        }

        var byLocation = appointments.GroupBy(a => a.LocationId).ToDictionary(g => g.Key, g => g.ToList());
        return group.Locations.Where(l => byLocation.ContainsKey(l.Id)).Select(l => Row(l.Id, byLocation[l.Id]))
            .Concat(byLocation.Keys.Where(k => group.Find(k) is null).Order(StringComparer.Ordinal).Select(k => Row(k, byLocation[k])))
            .Append(Row("total", appointments)).ToList();
    }
}
