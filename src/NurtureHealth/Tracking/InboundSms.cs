using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NurtureHealth.HandOffs;
using NurtureHealth.Locations;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// What a patient texts back, read by <see cref="ReplyClassifier"/>: a revocation in any reasonable words ("STOP", "stop.",
/// "please stop texting me", "ALTO") opts the number out of all SMS everywhere (one confirmation, in the words' language);
/// START, YES, UNSTOP opt back in; HELP, INFO, AYUDA get the location's name and phone. Anything else is a person talking:
/// their enrollments pause and the location's staff are handed the reply (<see cref="StaffHandOffs.ReplyAsync"/>), so a person answers — with a warning when it might be a
/// request to stop. Each MessageSid is handled once, however often Twilio delivers it.
/// </summary>
public sealed partial class InboundSms(
    IDbContextFactory<NurtureDbContext> databases,
    KeywordReplies replies,
    Subscriptions subscriptions,
    AppointmentReplies appointments,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Scoring.ScoringOptions> scoring,
    ILogger<InboundSms> logger,
    IWorkArrived? arrived = null)
{
    /// <summary>Handles one inbound message; returns the reply to send, or null for none.</summary>
    public async Task<string?> HandleAsync(string from, string to, string body, string messageSid, CancellationToken cancellationToken)
    {
        var intent = ReplyClassifier.Classify(body);
        if (!await FirstTimeAsync(messageSid, intent, from, cancellationToken))
        {
            LogDuplicate(logger, messageSid);
            return null;
        }

        try
        {
            return await ActAsync(intent, from, to, body, messageSid, cancellationToken);
        }
        catch
        {
            // Not handled after all: forget the receipt, so Twilio's retry of this webhook is handled.
            await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
            await db.InboundMessages.Where(m => m.MessageSid == messageSid).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<string?> ActAsync(ReplyIntent intent, string from, string to, string body, string messageSid, CancellationToken cancellationToken)
    {
        switch (intent.Kind)
        {
            case ReplyKind.Stop:
                var first = await subscriptions.OptOutSmsAsync(from, "sms-reply", cancellationToken);
                return first ? replies.Stopped(intent.Language) : null;
            case ReplyKind.Start:
                await subscriptions.OptInSmsAsync(from, "sms-keyword", cancellationToken);
                return replies.Resubscribed(intent.Language);
        }

        if (intent.Kind is ReplyKind.Confirm or ReplyKind.Reschedule && await appointments.AnswerAsync(intent, from, body, cancellationToken) is { } answered)
        {
            return answered;
        }

        var location = await LocationForAsync(from, to, cancellationToken);
        if (intent.Kind == ReplyKind.Help)
        {
            return replies.Help(intent.Language, location);
        }

        await HandOffAsync(from, body, messageSid, location, intent.Kind == ReplyKind.MaybeStop, cancellationToken);
        return null;
    }

    /// <summary>Records the message's receipt; false when this MessageSid was received before (a retried webhook).</summary>
    private async Task<bool> FirstTimeAsync(string messageSid, ReplyIntent intent, string from, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(messageSid))
        {
            return true; // nothing to tell repeats by; Twilio always sends one
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.InboundMessages.Add(new InboundMessage
        {
            MessageSid = messageSid,
            Kind = intent.Kind switch
            {
                ReplyKind.MaybeStop => "maybe-stop",
                var kind => kind.ToString().ToLowerInvariant(),
            },
            Contacts = await db.Contacts.CountAsync(c => c.Phone == from, cancellationToken),
            ReceivedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (Storage.StorageFailure.IsDuplicate(e))
        {
            return false; // the unique index: the same message, delivered again
        }
    }

    private async Task HandOffAsync(string from, string body, string messageSid, Location? location, bool maybeStop, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var contacts = await db.Contacts.Where(c => c.Phone == from).ToListAsync(cancellationToken);
        var ids = contacts.Select(c => c.Id).ToList();
        var active = await db.Enrollments.Where(e => ids.Contains(e.ContactId) && e.Status == EnrollmentStatus.Active).ToListAsync(cancellationToken);
        // A reply does not stop the reminders of an appointment still booked: staff answer, and the patient is still reminded.
        var reminding = await StillBooked.AmongAsync(db, active, cancellationToken);
        active = active.Where(e => e.AppointmentId is not { } a || !reminding.Contains(a)).ToList();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await StaffHandOffs.ReplyAsync(db, contacts, active, from, body, maybeStop, location?.Id, now, cancellationToken);
            foreach (var person in contacts)
            {
                // One event per person who shares the number: the source's id is the message's, made unique per person.
                db.ContactEvents.Add(new ContactEvent
                {
                    ContactId = person.Id,
                    Type = ContactEventType.Replied,
                    Channel = Channel.Sms,
                    At = now,
                    Source = "twilio",
                    ExternalId = $"{messageSid}:{person.Id}",
                    RecordedAt = now,
                });
                if (scoring.Value.Replied != 0)
                {
                    db.ScoreChanges.Add(Scoring.LeadScore.Apply(person, "behaviour: replied", scoring.Value.Replied, now, scoring.Value.HalfLife));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // The staff email goes from the hand-off row, sent by the staff notifier the worker runs now.
        arrived?.Arrived();
        LogReplied(logger, ids.Count, active.Count, location?.Id, maybeStop);
    }

    /// <summary>The location whose number was texted, else the one the person is enrolled at.</summary>
    private async Task<Location?> LocationForAsync(string from, string to, CancellationToken cancellationToken)
    {
        var group = replies.Group;
        if (group.Locations.FirstOrDefault(l => l.SmsFrom == to || l.Phone == to) is { } texted)
        {
            return texted;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var locationId = await db.Contacts.Where(c => c.Phone == from)
            .Join(db.Enrollments, c => c.Id, e => e.ContactId, (c, e) => e)
            .OrderByDescending(e => e.Id).Select(e => e.LocationId).FirstOrDefaultAsync(cancellationToken);
        return locationId is null ? null : group.Find(locationId);
    }

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Inbound SMS from {Contacts} contact(s): {Paused} enrollment(s) paused and handed to staff at {LocationId} (might be a request to stop: {MaybeStop})")]
    private static partial void LogReplied(ILogger logger, int contacts, int paused, string? locationId, bool maybeStop);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Inbound SMS {MessageSid} was received before (Twilio retried the webhook); nothing is done twice")]
    private static partial void LogDuplicate(ILogger logger, string messageSid);
}
