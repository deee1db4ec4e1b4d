using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NurtureHealth.Locations;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Scheduling;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>The demo's closing tables: the funnel per location, and the checks a patient would care about.</summary>
internal static class DemoReport
{
    public sealed record Row(string Location, int Leads, int Enrolled, int Email, int Sms, int Booked, int OptedOut, int Unresolved);

    public static async Task<List<Row>> FunnelAsync(NurtureDbContext db, ClinicGroup group, CancellationToken cancellationToken)
    {
        var leads = await db.Leads.Where(l => l.LocationId != null).GroupBy(l => l.LocationId!).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, cancellationToken);
        var enrollments = await db.Enrollments.Where(e => e.AppointmentId == null).GroupBy(e => new { e.LocationId, e.Status }).Select(g => new { g.Key.LocationId, g.Key.Status, N = g.Count() }).ToListAsync(cancellationToken);
        var sent = await db.Touches.Where(t => t.Status == TouchStatus.Sent).GroupBy(t => new { t.LocationId, t.Channel }).Select(g => new { g.Key.LocationId, g.Key.Channel, N = g.Count() }).ToListAsync(cancellationToken);
        var unresolved = await db.Leads.CountAsync(l => l.Status == "unresolved", cancellationToken);
        // A booking or opt-out counts for the location of the person's enrollment, even when it came after the sequence ended.
        var people = await db.ContactEvents.Where(e => e.Type == ContactEventType.Booked || (e.Type == ContactEventType.OptedOut && e.Channel == null))
            .Join(db.Enrollments, e => e.ContactId, x => x.ContactId, (e, x) => new { e.Type, e.ContactId, x.LocationId })
            .Distinct().ToListAsync(cancellationToken);
        var rows = group.Locations.Where(l => l.Active || leads.ContainsKey(l.Id)).Select(l => new Row(
            l.Id,
            leads.GetValueOrDefault(l.Id),
            enrollments.Where(e => e.LocationId == l.Id).Sum(e => e.N),
            sent.Where(s => s.LocationId == l.Id && s.Channel == Channel.Email).Sum(s => s.N),
            sent.Where(s => s.LocationId == l.Id && s.Channel == Channel.Sms).Sum(s => s.N),
            people.Where(p => p.LocationId == l.Id && p.Type == ContactEventType.Booked).Select(p => p.ContactId).Distinct().Count(),
            people.Where(p => p.LocationId == l.Id && p.Type == ContactEventType.OptedOut).Select(p => p.ContactId).Distinct().Count(),
            0)).ToList();
        rows.Add(new Row("(not placed)", 0, 0, 0, 0, 0, 0, unresolved));
        return rows;
    }

    public static void PrintFunnel(TextWriter output, IReadOnlyList<Row> rows)
    {
        var width = rows.Max(r => r.Location.Length);
        output.WriteLine($"{"location".PadRight(width)}  {"leads",5}  {"enrolled",8}  {"email",5}  {"SMS",4}  {"booked",6}  {"opted out",9}  {"unresolved",10}");
        foreach (var r in rows)
        {
            output.WriteLine($"{r.Location.PadRight(width)}  {r.Leads,5}  {r.Enrolled,8}  {r.Email,5}  {r.Sms,4}  {r.Booked,6}  {r.OptedOut,9}  {r.Unresolved,10}");
        }

        output.WriteLine($"{"total".PadRight(width)}  {rows.Sum(r => r.Leads),5}  {rows.Sum(r => r.Enrolled),8}  {rows.Sum(r => r.Email),5}  {rows.Sum(r => r.Sms),4}  " +
                         $"{rows.Sum(r => r.Booked),6}  {rows.Sum(r => r.OptedOut),9}  {rows.Sum(r => r.Unresolved),10}");
    }

    /// <summary>
    /// Reads the outbox back and checks every message: sent inside its location's window, naming its
    /// location, and never to someone after they booked or opted out. Returns the failures (none, one hopes).
    /// </summary>
    public static async Task<(int Checked, List<string> Failures)> CheckAsync(NurtureDbContext db, ClinicGroup group, SendWindowPolicy windows,
        FileOutbox outbox, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var sent = await db.Touches.AsNoTracking().Where(t => t.Status == TouchStatus.Sent)
            .Join(db.Enrollments, t => t.EnrollmentId, e => e.Id, (t, e) => new { Touch = t, e.AppointmentId, e.EnrolledAt }).ToListAsync(cancellationToken);
        var events = await db.ContactEvents.AsNoTracking()
            .Where(e => e.Type == ContactEventType.Booked || (e.Type == ContactEventType.OptedOut && e.Channel == null)).ToListAsync(cancellationToken);
        // When each appointment stopped being one to remind of: cancelled, missed or attended.
        var ended = await db.AppointmentChanges.AsNoTracking().Where(c => c.Change == "cancelled" || c.Change == "no-show" || c.Change == "attended")
            .GroupBy(c => c.AppointmentId).Select(g => new { g.Key, At = g.Min(c => c.At) }).ToDictionaryAsync(x => x.Key, x => x.At, cancellationToken);
        var sms = File.Exists(outbox.SmsFile)
            ? File.ReadLines(outbox.SmsFile).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(e => e.GetProperty("touch_id").GetInt64(), e => e.GetProperty("body").GetString()!)
            : [];
        foreach (var (touch, appointment, enrolledAt) in sent.Select(s => (s.Touch, s.AppointmentId, s.EnrolledAt)))
        {
            var location = group.Find(touch.LocationId)!;
            var channel = touch.Channel!.Value;
            if (!windows.IsOpen(group, location, channel, touch.DueAt) || touch.SentAt != touch.DueAt)
            {
                failures.Add($"touch {touch.Id} was due at {touch.DueAt:u}, outside {location.Id}'s {StoredName.Of(touch.Channel!.Value)} window, or sent at another time");
            }

            var text = channel == Channel.Sms
                ? sms.GetValueOrDefault(touch.Id) ?? ""
                : (await MimeMessage.LoadAsync(Path.Combine(outbox.EmailFolder, $"{touch.Id:D8}.eml"), cancellationToken)).TextBody ?? "";
            var shortName = location.Name[(location.Name.LastIndexOf('—') + 1)..].Trim();
            if (!text.Contains(shortName, StringComparison.Ordinal))
            {
                failures.Add($"touch {touch.Id} ({StoredName.Of(touch.Channel!.Value)}) does not name its location {location.Id}");
            }

            // Nurture stops at the first booking or opt-out; a journey at an opt-out or at a booking made after it began;
            // a reminder before its appointment's start, and never once the appointment was cancelled, missed or attended.
            var stop = events.Where(e => e.ContactId == touch.ContactId && (appointment is null || e.Type == ContactEventType.OptedOut || e.At > enrolledAt))
                .Select(e => (DateTimeOffset?)e.At).Min();
            if (stop is { } at && touch.SentAt > at && !touch.Care)
            {
                failures.Add($"touch {touch.Id} was sent at {touch.SentAt:u}, after contact {touch.ContactId} booked or opted out at {at:u}");
            }

            if (touch.Care && (touch.NotAfter is not { } start || touch.SentAt >= start || (ended.TryGetValue(appointment ?? 0, out var over) && touch.SentAt > over)))
            {
                failures.Add($"reminder {touch.Id} was sent at {touch.SentAt:u}, not before its appointment at {touch.NotAfter:u} or after it was cancelled, missed or attended");
            }
        }

        return (sent.Count, failures);
    }

    /// <summary>The after-the-booking table: what the reminders did, per location.</summary>
    public static void PrintVisits(TextWriter output, IReadOnlyList<Reporting.VisitFunnel> rows)
    {
        var width = rows.Max(r => r.Location.Length);
        var columns = Reporting.VisitFunnel.Columns;
        output.WriteLine($"{"location".PadRight(width)}  {string.Join("  ", columns)}");
        foreach (var row in rows)
        {
            output.WriteLine($"{row.Location.PadRight(width)}  {string.Join("  ", row.Values().Select((v, i) => v.PadLeft(columns[i].Length)))}");
        }
    }
}
