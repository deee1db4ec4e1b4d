using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.HandOffs;
using NurtureHealth.Scoring;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// Records what patients do and applies it at once, in the same transaction: a booking or an opt-out
/// ends their enrollments and cancels every pending touch; an SMS or email opt-out stops that channel
/// everywhere; an open, click or reply resets the disengagement count.
/// </summary>
public sealed partial class EventRecorder(
    IDbContextFactory<NurtureDbContext> databases,
    TimeProvider clock,
    IOptions<ScoringOptions> scoring,
    IOptions<HandOffOptions> handOff,
    ILogger<EventRecorder> logger,
    IWorkArrived? arrived = null)
{
    /// <summary>Records and applies one event; false when the same source already recorded this event id.</summary>
    public async Task<bool> RecordAsync(NewContactEvent e, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (e.ExternalId is not null && await db.ContactEvents.AnyAsync(x => x.Source == e.Source && x.ExternalId == e.ExternalId, cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contact = await db.Contacts.SingleAsync(c => c.Id == e.ContactId, cancellationToken);
        // Paused (the patient wrote back, staff are on it) is still open: a booking or an opt-out ends it too.
        var active = await db.Enrollments.Where(x => x.ContactId == e.ContactId && (x.Status == EnrollmentStatus.Active || x.Status == EnrollmentStatus.Paused))
            .ToListAsync(cancellationToken);
        if (e.Type == ContactEventType.Booked && e.TouchId is null)
        {
            // A booking is credited to the last touch the person clicked through from, whatever reported it.
            e = e with
            {
                TouchId = await db.ContactEvents.Where(x => x.ContactId == e.ContactId && x.Type == ContactEventType.Clicked && x.TouchId != null)
                    .OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Select(x => x.TouchId).FirstOrDefaultAsync(cancellationToken),
            };
        }

        long? enrollmentId = e.TouchId is { } touchId
            ? await db.Touches.Where(t => t.Id == touchId).Select(t => (long?)t.EnrollmentId).SingleOrDefaultAsync(cancellationToken)
            : null;
        db.ContactEvents.Add(new ContactEvent
        {
            ContactId = e.ContactId,
            EnrollmentId = enrollmentId,
            TouchId = e.TouchId,
            Type = e.Type,
            Channel = e.Channel,
            At = e.At,
            Source = e.Source,
            ExternalId = e.ExternalId,
            RecordedAt = now,
        });

        var woken = false;
        switch (e.Type)
        {
            case ContactEventType.Booked:
                // The reminders of an appointment still booked are not nurture: another booking leaves them be.
                var reminding = await StillBooked.AmongAsync(db, active, cancellationToken);
                await EnrollmentExits.EndAsync(db, active.Where(x => (e.ServiceLine is null || x.ServiceLine == e.ServiceLine) && (x.AppointmentId is not { } a || !reminding.Contains(a))).ToList(),
                    EnrollmentStatus.Booked, $"booked ({e.Source})", now, cancellationToken);
                break;
            case ContactEventType.OptedOut when e.Channel == Channel.Sms:
                contact.SmsOptedOutAt ??= e.At;
                break;
            case ContactEventType.OptedOut when e.Channel == Channel.Email:
                contact.EmailOptedOutAt ??= e.At;
                break;
            case ContactEventType.OptedOut:
                contact.SmsOptedOutAt ??= e.At;
                contact.EmailOptedOutAt ??= e.At;
                await EnrollmentExits.EndAsync(db, active, EnrollmentStatus.OptedOut, $"opted out ({e.Source})", now, cancellationToken);
                break;
            case ContactEventType.OptedIn:
                if (e.Channel != Channel.Email)
                {
                    contact.SmsOptedOutAt = null;
                }

                if (e.Channel != Channel.Sms)
                {
                    contact.EmailOptedOutAt = null;
                }

                break;
            case var engaged when ContactEventType.IsEngagement(engaged):
                foreach (var enrollment in active.Where(x => enrollmentId is null || x.Id == enrollmentId))
                {
                    enrollment.Engaged(e.At);
                }

                // A wait-until step may be waiting for exactly this: make it due now, and its sequence decides.
                var waiting = active.Where(x => x.Status == EnrollmentStatus.Active).Select(x => x.Id).ToList();
                woken = await db.Touches.Where(t => waiting.Contains(t.EnrollmentId) && t.Kind == StepKind.Wait && t.Status == TouchStatus.Scheduled && t.DueAt > now)
                    .ExecuteUpdateAsync(u => u.SetProperty(t => t.DueAt, now), cancellationToken) > 0;
                break;
        }

        if (scoring.Value.ForEvent(e.Type) is { } points && points != 0)
        {
            var change = LeadScore.Apply(contact, $"behaviour: {e.Type}", points, now, scoring.Value.HalfLife);
            db.ScoreChanges.Add(change);
            if (handOff.Value.AtScore is { } threshold && change.Before < threshold && change.After >= threshold)
            {
                // Handed to staff: the worker's staff notifier tells them now.
                woken |= await StaffHandOffs.BeginAsync(db, contact, active, HandOffReason.Score,
                    $"score {change.After:0} crossed {threshold:0} ({Describe(e.Type)})", now, handOff.Value, cancellationToken) is not null;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (woken)
        {
            arrived?.Arrived();
        }

        LogRecorded(logger, e.Type, e.ContactId, e.Source);
        return true;
    }

    private static string Describe(string type) => type switch
    {
        ContactEventType.Clicked => "clicked the booking link",
        ContactEventType.Opened => "opened an email",
        ContactEventType.Replied => "replied",
        ContactEventType.Delivered => "a message was delivered",
        _ => type,
    };

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Recorded {Type} for contact {ContactId} from {Source}")]
    private static partial void LogRecorded(ILogger logger, string type, long contactId, string source);
}
