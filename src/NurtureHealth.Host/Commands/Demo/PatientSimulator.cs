using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Locations;
using NurtureHealth.Storage;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>
/// Simulated patients for the demo, decided by a hash of the contact id so every run behaves the same: some book after
/// a few touches (clicking the booking link first), some opt out, some read every email and click through "what to
/// expect" (so their sequence branches), and some never engage. Those who book then confirm by text, reschedule,
/// cancel, miss the visit or come in — as the scheduling system would report it — and some who cancelled or missed
/// book again from the recovery messages.
/// </summary>
internal sealed class PatientSimulator(IDbContextFactory<NurtureDbContext> databases, EventRecorder recorder, AppointmentBook appointments, InboundSms inbound,
    LocationCatalog locations)
{
    private readonly PriorityQueue<Func<CancellationToken, Task<bool>>, (DateTimeOffset At, long Order)> _pending = new();
    private readonly Dictionary<long, int> _touchesSeen = [];
    private readonly Dictionary<long, int> _bookings = [];
    private readonly HashSet<long> _seen = [];
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;
    private long _order;

    private enum Persona
    {
        Booker,
        OptsOut,
        Reader,
        Silent,
    }

    private enum Visit
    {
        Attends,
        Reschedules,
        Cancels,
        NoShow,
    }

    /// <summary>When the next simulated action happens, if any is pending.</summary>
    public DateTimeOffset? NextAt => _pending.TryPeek(out _, out var key) ? key.At : null;

    /// <summary>Looks at touches sent since the last look and plans each patient's reaction.</summary>
    public async Task ObserveAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // By when they went, not by id: a touch planned early (a reminder) can go after one planned later.
        var sent = (await db.Touches.AsNoTracking().Where(t => t.Status == TouchStatus.Sent && t.SentAt >= _lastSent)
            .Join(db.Enrollments, t => t.EnrollmentId, e => e.Id, (t, e) => new { t.Id, t.ContactId, t.Channel, t.SentAt, t.StepId, e.AppointmentId, e.LocationId })
            .ToListAsync(cancellationToken)).Where(t => !_seen.Contains(t.Id)).OrderBy(t => t.SentAt).ThenBy(t => t.Id).ToList();
        foreach (var touch in sent)
        {
            _seen.Add(touch.Id);
            _lastSent = touch.SentAt!.Value > _lastSent ? touch.SentAt.Value : _lastSent;
            var at = touch.SentAt!.Value;
            if (touch.AppointmentId is not null)
            {
                await ObserveJourneyAsync(db, touch.ContactId, touch.Id, touch.StepId, touch.LocationId, at, cancellationToken);
                continue;
            }

            var count = _touchesSeen[touch.ContactId] = _touchesSeen.GetValueOrDefault(touch.ContactId) + 1;
            var (persona, patience) = Decide(touch.ContactId);
            switch (persona)
            {
                case Persona.Booker when count == patience:
                    Record(at.AddHours(3), new NewContactEvent(touch.ContactId, ContactEventType.Clicked, touch.Channel, at.AddHours(3), "demo", $"click-{touch.Id}", touch.Id));
                    Book(at.AddHours(26), touch.ContactId, touch.LocationId);
                    break;
                case Persona.Booker when touch.Channel == Channel.Email:
                case Persona.Reader when touch.Channel == Channel.Email:
                    Record(at.AddHours(2), new NewContactEvent(touch.ContactId, ContactEventType.Opened, Channel.Email, at.AddHours(2), "demo", $"open-{touch.Id}", touch.Id));

                    // Readers follow the link in "what to expect": the sequence then introduces their provider instead of a patient's story.
                    if (touch.StepId == "what-to-expect")
                    {
                        Record(at.AddHours(2.5), new NewContactEvent(touch.ContactId, ContactEventType.Clicked, Channel.Email, at.AddHours(2.5), "demo", $"click-{touch.Id}", touch.Id));
                    }

                    break;
                case Persona.OptsOut when count == patience:
                    Record(at.AddHours(1), new NewContactEvent(touch.ContactId, ContactEventType.OptedOut, null, at.AddHours(1), "demo", $"stop-{touch.ContactId}", touch.Id));
                    break;
            }
        }
    }

    /// <summary>Records every planned action due by <paramref name="now"/>; how many were recorded.</summary>
    public async Task<int> ApplyDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var applied = 0;
        while (_pending.TryPeek(out var next, out var key) && key.At <= now)
        {
            _pending.Dequeue();
            applied += await next(cancellationToken) ? 1 : 0;
        }

        return applied;
    }

    /// <summary>A reminder or recovery message reached them: the 1-day text is answered "C" by most; recovery brings half of them back.</summary>
    private async Task ObserveJourneyAsync(NurtureDbContext db, long contactId, long touchId, string stepId, string locationId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var hash = Hash(contactId, _bookings.GetValueOrDefault(contactId));
        if (stepId == "reminder-1d" && hash[3] % 100 < 70)
        {
            var phone = await db.Contacts.Where(c => c.Id == contactId).Select(c => c.Phone).SingleAsync(cancellationToken);
            var to = locations.Group.Find(locationId)?.SmsFrom ?? "";
            var answer = Decide(contactId).Patience % 2 == 0 ? "C" : "c.";
            Plan(at.AddMinutes(40), async ct => await inbound.HandleAsync(phone!, to, answer, $"SMdemo{touchId}", ct) is not null);
        }
        else if (stepId is "rebook-offer" or "missed" && hash[4] % 2 == 0)
        {
            Record(at.AddHours(2), new NewContactEvent(contactId, ContactEventType.Clicked, Channel.Sms, at.AddHours(2), "demo", $"click-{touchId}", touchId));
            Book(at.AddHours(20), contactId, locationId);
        }
    }

    /// <summary>Books a consultation 3 to 7 days ahead, at 10:00 or 14:30 local, then plays out what the patient does.</summary>
    private void Book(DateTimeOffset at, long contactId, string locationId)
    {
        var attempt = _bookings[contactId] = _bookings.GetValueOrDefault(contactId) + 1;
        var hash = Hash(contactId, attempt);
        var location = locations.Group.Find(locationId)!;
        var local = TimeZoneInfo.ConvertTime(at, location.TimeZone).Date.AddDays(3 + (hash[0] % 5)).AddHours(hash[1] % 2 == 0 ? 10 : 14.5);
        if (local.DayOfWeek == DayOfWeek.Sunday)
        {
            local = local.AddDays(1);
        }

        var start = new DateTimeOffset(local, location.TimeZone.GetUtcOffset(local)).ToUniversalTime();
        var booking = $"demo-{contactId}-{attempt}";
        Appointment(at, contactId, booking, AppointmentStatus.Booked, start, locationId);
        // A re-booked patient comes in; a first booking attends, moves, cancels or is missed.
        var visit = attempt > 1 ? Visit.Attends : (hash[2] % 100) switch
        {
            < 55 => Visit.Attends,
            < 70 => Visit.Reschedules,
            < 82 => Visit.Cancels,
            _ => Visit.NoShow,
        };
        switch (visit)
        {
            case Visit.Reschedules:
                Appointment(at.AddDays(1), contactId, booking, AppointmentStatus.Booked, start.AddDays(2), locationId);
                Appointment(start.AddDays(2).AddMinutes(50), contactId, booking, AppointmentStatus.Attended, null, locationId);
                break;
            case Visit.Cancels:
                Appointment(start.AddDays(-2).AddHours(-3), contactId, booking, AppointmentStatus.Cancelled, null, locationId);
                break;
            case Visit.NoShow:
                Appointment(start.AddMinutes(30), contactId, booking, AppointmentStatus.NoShow, null, locationId);
                break;
            default:
                Appointment(start.AddMinutes(50), contactId, booking, AppointmentStatus.Attended, null, locationId);
                break;
        }
    }

    private void Appointment(DateTimeOffset at, long contactId, string booking, AppointmentStatus status, DateTimeOffset? start, string locationId) =>
        Plan(at, async ct => await appointments.ApplyAsync(new AppointmentNews(contactId, booking, status, start, locationId, null, null, at, "demo"), ct) != "unchanged");

    private void Record(DateTimeOffset at, NewContactEvent e) => Plan(at, ct => recorder.RecordAsync(e, ct));

    private void Plan(DateTimeOffset at, Func<CancellationToken, Task<bool>> action) => _pending.Enqueue(action, (at, _order++));

    private static byte[] Hash(long contactId, int attempt) => SHA256.HashData(Encoding.UTF8.GetBytes($"nurture-demo:{contactId}:visit:{attempt}"));

    /// <summary>About 1 in 6 book (after their 2nd to 4th touch), 1 in 16 opt out, 4 in 10 read every email, the rest stay silent.</summary>
    private static (Persona Persona, int Patience) Decide(long contactId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"nurture-demo:{contactId}"));
        var roll = hash[0] % 100;
        var patience = 2 + (hash[1] % 3);
        return roll switch
        {
            < 17 => (Persona.Booker, patience),
            < 23 => (Persona.OptsOut, Math.Min(patience, 3)),
            < 63 => (Persona.Reader, 0),
            _ => (Persona.Silent, 0),
        };
    }
}
