using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Scheduling;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>
/// What each send's result means for its touch and enrollment: sent, uncertain (never sent again, and the sequence goes
/// on as if it had gone), retried later, or failed — and an address the channel says cannot or must not receive goes on
/// the suppression list. A settled touch asks for its enrollment's next step to be planned (<see cref="Enrollment.StepDone"/>).
/// </summary>
public sealed class SendOutcomes(LocationCatalog locations, SendTime sendTime, DatabaseRetry retry, IOptions<DispatchOptions> options, TimeProvider clock,
    Telemetry.NurtureMetrics metrics)
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>
    /// Applies a group of outcomes (each enrollment read afresh first: a booking or a STOP may have landed since the batch
    /// was read); the batch's writer stores the result in one transaction.
    /// </summary>
    internal async Task<BatchWriter.Changes> ApplyAsync(NurtureDbContext db, TouchRows rows, IReadOnlyList<BatchWriter.Outcome> outcomes, DispatchBatch batch, DispatchRun run,
        CancellationToken stopping)
    {
        foreach (var enrollment in outcomes.Select(o => o.Item.Enrollment).Distinct())
        {
            await retry.RunAsync(() => rows.RefreshAsync(enrollment), "read the enrollment of a sent touch", outcomes[0].Item.Touch.Id, stopping);
        }

        foreach (var (item, message, result) in outcomes)
        {
            Apply(item, message, result, batch, run);
            if (result.Status is SendStatus.Undeliverable or SendStatus.OptedOut)
            {
                if (db.Entry(item.Contact).State == EntityState.Detached)
                {
                    db.Attach(item.Contact);
                }

                await BlockAsync(db, item, result, CancellationToken.None);
                db.Entry(item.Contact).DetectChanges();
            }
        }

        return new BatchWriter.Changes(outcomes.Select(o => o.Item.Touch).ToList(), outcomes.Select(o => o.Item.Enrollment).Distinct().ToList());
    }

    private void Apply(DispatchBatch.Item item, Rendered message, SendResult result, DispatchBatch batch, DispatchRun run)
    {
        var (touch, enrollment, contact, _) = item;
        var now = clock.GetUtcNow();
        var outcome = Apply(touch, enrollment, contact, message, result, batch, run, now);
        metrics.Touch(outcome, touch.Channel?.ToString().ToLowerInvariant(), touch.LocationId, enrollment.SequenceId);
    }

    /// <summary>Applies one result; returns the outcome's name for the Meter.</summary>
    private string Apply(Touch touch, Enrollment enrollment, Leads.Contact contact, Rendered message, SendResult result, DispatchBatch batch, DispatchRun run, DateTimeOffset now)
    {
        string outcome;
        switch (result.Status)
        {
            case SendStatus.Sent:
                touch.Sent(now, result.ProviderMessageId);
                Provenance(touch, message);
                enrollment.MessageSent();
                run.Sent++;
                run.SentEmail += message.Email is null ? 0 : 1;
                run.SentSms += message.Sms is null ? 0 : 1;
                outcome = "sent";
                break;
            case SendStatus.Uncertain:
                touch.BecomeUncertain($"uncertain: {result.Detail}");
                Provenance(touch, message);
                run.Uncertain++;
                outcome = "uncertain";
                break;
            case SendStatus.Transient when touch.Attempts + 1 < options.Value.MaxAttempts:
                var retryAt = sendTime.Next(locations.Group, locations.Group.Find(touch.LocationId)!, touch.Channel!.Value,
                    now + Backoff[Math.Min(touch.Attempts, Backoff.Length - 1)], batch.History.Past(contact.Id));
                touch.Retry(retryAt, $"retry {touch.Attempts + 1}: {result.Detail}");
                run.Retried++;
                return "retried"; // not settled: it goes again
            default:
                touch.Fail($"failed: {result.Detail}");
                run.Failed++;
                outcome = "failed";
                break;
        }

        enrollment.StepDone(touch, now);
        return outcome;
    }

    private static void Provenance(Touch touch, Rendered message)
    {
        (touch.Subject, touch.TemplatePath, touch.TemplateHash) = (message.Subject, message.TemplatePath, message.TemplateHash);
        (touch.LayoutPath, touch.LayoutHash, touch.ContentCommit) = (message.Layout?.HtmlPath, message.Layout?.Hash, message.ContentCommit);
        (touch.SmsEncoding, touch.SmsSegments) = (message.Size is null ? null : message.Size.Encoding == Templates.SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2", message.Size?.Segments);
    }

    /// <summary>
    /// The channel said the address cannot or must not receive: suppress it group-wide and record what happened against
    /// the touch (a bounce, an undeliverable number, a carrier opt-out).
    /// </summary>
    private async Task BlockAsync(NurtureDbContext db, DispatchBatch.Item item, SendResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var channel = item.Touch.Channel!.Value;
        var sms = channel == Channel.Sms;
        if ((sms ? item.Contact.Phone : item.Contact.Email) is not { } address)
        {
            return;
        }

        var reason = result.Status == SendStatus.OptedOut ? "opted-out" : sms ? "cannot-receive-sms" : "bounced";
        await Suppressions.AddAsync(db, channel, address, reason, result.Detail ?? "", now, cancellationToken);
        if (result.Status == SendStatus.OptedOut)
        {
            item.Contact.SmsOptedOutAt ??= now;
        }

        db.ContactEvents.Add(new ContactEvent
        {
            ContactId = item.Contact.Id,
            EnrollmentId = item.Enrollment.Id,
            TouchId = item.Touch.Id,
            Type = result.Status == SendStatus.OptedOut ? ContactEventType.OptedOut : sms ? ContactEventType.Undelivered : ContactEventType.Bounced,
            Channel = channel,
            At = now,
            Source = sms ? "twilio" : "smtp",
            ExternalId = $"touch-{item.Touch.Id}-{reason}",
            RecordedAt = now,
        });
    }
}
