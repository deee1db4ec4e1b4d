using Microsoft.EntityFrameworkCore;
using NurtureHealth.Locations;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

public sealed partial class Dispatcher
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>
    /// Applies a group of send outcomes to their touches and enrollments (each enrollment read afresh first) and plans each
    /// enrollment's next step; the batch's writer then stores the result in one transaction.
    /// </summary>
    private async Task<BatchWriter.Changes> ApplyAsync(NurtureDbContext db, TouchRows rows, IReadOnlyList<BatchWriter.Outcome> outcomes, ClinicGroup group,
        DispatchBatch batch, DispatchRun run, CancellationToken stopping)
    {
        // Another writer may have ended an enrollment (a booking, a STOP) or counted an engagement since the batch was read.
        foreach (var enrollment in outcomes.Select(o => o.Item.Enrollment).Distinct())
        {
            await WithRetryAsync(async () =>
            {
                await rows.RefreshAsync(enrollment);
                return true;
            }, "read the enrollment of a sent touch", outcomes[0].Item.Touch.Id, stopping);
        }

        var planned = new List<Touch>();
        foreach (var (item, message, result) in outcomes)
        {
            planned.AddRange(Apply(db, item, message, result, group, batch, run));
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

        return new BatchWriter.Changes(outcomes.Select(o => o.Item.Touch).ToList(), outcomes.Select(o => o.Item.Enrollment).Distinct().ToList(), planned);
    }

    /// <summary>Applies one outcome to its touch and enrollment; returns the touches planned after it.</summary>
    private List<Touch> Apply(NurtureDbContext db, DispatchBatch.Item item, Rendered message, SendResult result, ClinicGroup group, DispatchBatch batch, DispatchRun run)
    {
        var touch = item.Touch;
        var now = clock.GetUtcNow();
        switch (result.Status)
        {
            case SendStatus.Sent:
                touch.Sent(now, result.ProviderMessageId);
                Provenance(touch, message);
                item.Enrollment.MessageSent();
                run.Sent++;
                run.SentEmail += message.Email is null ? 0 : 1;
                run.SentSms += message.Sms is null ? 0 : 1;
                return PlanNext(db, item, group, batch, now, now);
            case SendStatus.Uncertain:
                // It may have gone: never sent again, and the sequence goes on as if it had.
                touch.BecomeUncertain($"uncertain: {result.Detail}");
                Provenance(touch, message);
                run.Uncertain++;
                return PlanNext(db, item, group, batch, now, now);
            case SendStatus.Transient when touch.Attempts + 1 < options.Value.MaxAttempts:
                var location = group.Find(touch.LocationId)!;
                var retryAt = planner.Due(group, location, touch.Channel!.Value,
                    now + Backoff[Math.Min(touch.Attempts, Backoff.Length - 1)], batch.PastMessages(item.Contact.Id));
                touch.Retry(retryAt, $"retry {touch.Attempts + 1}: {result.Detail}");
                run.Retried++;
                return [];
            case SendStatus.Undeliverable or SendStatus.OptedOut:
                touch.Fail($"failed: {result.Detail}");
                run.Failed++;
                if (touch.Channel == Channel.Sms && item.Contact.Phone is { } phone)
                {
                    batch.SuppressedSms[phone] = result.Status == SendStatus.OptedOut ? "opted out" : "cannot receive SMS";
                }
                else if (item.Contact.Email is { } address)
                {
                    batch.SuppressedEmail[address] = "bounced";
                }

                return PlanNext(db, item, group, batch, now, now);
            default:
                touch.Fail($"failed: {result.Detail}");
                run.Failed++;
                return PlanNext(db, item, group, batch, now, now);
        }
    }

    private static void Provenance(Touch touch, Rendered message)
    {
        (touch.Subject, touch.TemplatePath, touch.TemplateHash) = (message.Subject, message.TemplatePath, message.TemplateHash);
        (touch.LayoutPath, touch.LayoutHash, touch.ContentCommit) = (message.Layout?.HtmlPath, message.Layout?.Hash, message.ContentCommit);
        (touch.SmsEncoding, touch.SmsSegments) = (message.Size is null ? null : message.Size.Encoding == Templates.SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2", message.Size?.Segments);
    }

    /// <summary>
    /// The channel told us the address cannot or must not receive: suppress it group-wide and record what
    /// happened against the touch (a bounce, an undeliverable number, a carrier opt-out).
    /// </summary>
    private async Task BlockAsync(NurtureDbContext db, DispatchBatch.Item item, SendResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sms = item.Touch.Channel == Channel.Sms;
        var address = sms ? item.Contact.Phone : item.Contact.Email;
        if (address is null)
        {
            return;
        }

        var reason = result.Status == SendStatus.OptedOut ? "opted-out" : sms ? "cannot-receive-sms" : "bounced";
        await Tracking.Suppressions.AddAsync(db, item.Touch.Channel!.Value, address, reason, result.Detail ?? "", now, cancellationToken);
        if (result.Status == SendStatus.OptedOut)
        {
            item.Contact.SmsOptedOutAt ??= now;
        }

        db.ContactEvents.Add(new Tracking.ContactEvent
        {
            ContactId = item.Contact.Id,
            EnrollmentId = item.Enrollment.Id,
            TouchId = item.Touch.Id,
            Type = result.Status == SendStatus.OptedOut ? Tracking.ContactEventType.OptedOut : sms ? Tracking.ContactEventType.Undelivered : Tracking.ContactEventType.Bounced,
            Channel = item.Touch.Channel,
            At = now,
            Source = sms ? "twilio" : "smtp",
            ExternalId = $"touch-{item.Touch.Id}-{reason}",
            RecordedAt = now,
        });
    }

    private Task SaveWithRetryAsync(NurtureDbContext db, string what, long touchId, CancellationToken stopping) =>
        WithRetryAsync(async () =>
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }, what, touchId, stopping);

    /// <summary>
    /// Runs a database write, waiting and trying again while the database is locked, read-only or out of space: an outcome
    /// already known is never dropped because the database was briefly unavailable. Gives up only when the worker is stopping
    /// and the database stays unavailable for <see cref="StopGrace"/>; the touch then stays Sending and recovery accounts for it.
    /// </summary>
    private async Task<T> WithRetryAsync<T>(Func<Task<T>> write, string what, long touchId, CancellationToken stopping)
    {
        var wait = TimeSpan.FromMilliseconds(250);
        long? stoppingSince = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await write();
                if (attempt > 1)
                {
                    LogWriteRecovered(logger, what, touchId, attempt);
                }

                health.WriteSucceeded();
                return result;
            }
            catch (Exception e) when (StorageFailure.IsUnavailable(e))
            {
                health.WriteFailed(clock.GetUtcNow(), StorageFailure.Describe(e));
                if (attempt == 1 || attempt % 20 == 0)
                {
                    LogWriteFailed(logger, what, touchId, attempt, StorageFailure.Describe(e));
                }

                if (stopping.IsCancellationRequested)
                {
                    // Measured in real time: the injected clock may be simulated and standing still.
                    stoppingSince ??= System.Diagnostics.Stopwatch.GetTimestamp();
                    if (System.Diagnostics.Stopwatch.GetElapsedTime(stoppingSince.Value) > StopGrace)
                    {
                        throw;
                    }
                }

                // Real time, not the injected clock: the database's lock is held in the real world, whatever time the clock tells.
                await Task.Delay(wait, CancellationToken.None);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxWriteWait.Ticks));
            }
        }
    }

    /// <summary>How long a stopping worker keeps trying to record outcomes the database will not take.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MaxWriteWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Plans what follows the item's step (or ends the enrollment); returns the new touches for the caller to store. A move
    /// to a re-engagement sequence is added to <paramref name="db"/>.
    /// </summary>
    private List<Touch> PlanNext(NurtureDbContext db, DispatchBatch.Item item, ClinicGroup group, DispatchBatch batch, DateTimeOffset from, DateTimeOffset now, int? continueAfter = null)
    {
        var (touch, enrollment, contact, _) = item;
        if (enrollment.Status != EnrollmentStatus.Active)
        {
            return [];
        }

        var sequence = content.Sequences.Find(enrollment.SequenceId);
        var location = group.Find(enrollment.LocationId);
        if (sequence is null || location is null)
        {
            enrollment.End(EnrollmentStatus.Completed, sequence is null ? $"sequence {enrollment.SequenceId} was removed" : $"location {enrollment.LocationId} was removed", now);
            return [];
        }

        // After a hot reload the step may have moved: continue after the step by its id, by its old position only if it is gone.
        var last = continueAfter ?? sequence.Steps.FirstOrDefault(s => s.Id == touch.StepId)?.Index ?? Math.Min(touch.StepIndex, sequence.Steps.Count - 1);
        var plan = planner.PlanAfter(enrollment, sequence, last, from, group, location, batch.Reach(contact, consent.Value.Email), batch.AllMessages(contact.Id), now, batch.Source(enrollment));
        foreach (var next in plan.Touches.Where(t => t.Status == TouchStatus.Scheduled))
        {
            batch.Planned(contact.Id, next);
        }

        if (plan.Exit is { } exit)
        {
            enrollment.End(exit, plan.ExitReason!, now);
            if (plan.Exit == EnrollmentStatus.Disengaged && sequence.DisengageTo is { } target && content.Sequences.Find(target) is not null
                && !db.Enrollments.Any(e => e.ContactId == enrollment.ContactId && e.SequenceId == target && e.Status == EnrollmentStatus.Active))
            {
                // Silent, not gone: the re-engagement sequence takes over; the enroller plans its first touch.
                enrollment.EndReason = $"{plan.ExitReason}; moved to {target}";
                db.Enrollments.Add(enrollment.ContinueIn(target, now));
            }
        }

        return [.. plan.Touches];
    }
}
