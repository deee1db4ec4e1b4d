using Fluid;
using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;

namespace NurtureHealth.Messaging;

public sealed partial class Dispatcher
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    private abstract record Decision
    {
        public sealed record Send(Rendered Message) : Decision;

        public sealed record Defer(DateTimeOffset Until, string Why) : Decision;

        public sealed record Cancel(string Why) : Decision;

        public sealed record Skip(string Why, bool Failed = false) : Decision
        {
            /// <summary>For a wait that timed out: go on after this step index instead of after the touch's own step.</summary>
            public int? ContinueAfter { get; init; }

            /// <summary>For a wait that ended: plan the next step from now, not from the wait's deadline.</summary>
            public DateTimeOffset? From { get; init; }
        }
    }

    private Decision Decide(DispatchBatch.Item item, ClinicGroup group, DispatchBatch batch, DateTimeOffset now, IReadOnlyList<DateTimeOffset>? freeSlots)
    {
        var (touch, enrollment, contact, firstSms) = item;
        if (enrollment.Status != EnrollmentStatus.Active)
        {
            return new Decision.Cancel($"cancelled: the enrollment ended ({enrollment.Status})");
        }

        var location = group.Find(touch.LocationId);
        if (location is null || !location.Active)
        {
            return new Decision.Skip($"skipped: location {touch.LocationId} is {(location is null ? "no longer in the location files" : "inactive")}");
        }

        if (touch.Channel == Touch.WaitChannel)
        {
            return Waited(item, batch, now);
        }

        var channel = touch.Channel == "sms" ? Channel.Sms : Channel.Email;
        if (batch.Reach(contact, consent.Value.Email).WhyNot(channel) is { } unreachable)
        {
            return new Decision.Skip($"skipped: {unreachable}");
        }

        // Branches: a step's conditions on engagement, and which of its templates to send, are decided now.
        var template = touch.StepId;
        var step = content.Sequences.Find(enrollment.SequenceId)?.Steps.FirstOrDefault(s => s.Id == touch.StepId);
        if (touch.Variant is { } variantId && step is not null)
        {
            // A variant retired since this touch was planned: the patient gets another live variant on the same channel, or the step's own.
            var variant = step.Variants.FirstOrDefault(v => v.Id == variantId && v.Weight > 0)
                ?? VariantPicker.Pick(enrollment.ContactId, enrollment.SequenceId, step.Id, step.Variants.Where(v => v.Channel == channel).ToList());
            (template, touch.Variant) = (variant?.Template ?? step.Id, variant?.Id);
        }

        if (step is { DecidedWhenDue: true })
        {
            var facts = batch.Facts(enrollment, contact, now, scoring.Value.HalfLife);
            if (StepRules.Failing(step.When, facts) is { } failing)
            {
                return new Decision.Skip($"skipped: when '{failing.Text}' does not hold");
            }

            if (StepRules.Template(step, facts) is not { } chosen)
            {
                return new Decision.Skip("skipped: none of the step's choices applies");
            }

            template = chosen;
        }

        if (!windows.IsOpen(group, location, channel, now))
        {
            return new Decision.Defer(planner.Due(group, location, channel, now, batch.PastMessages(contact.Id)), "outside the location's send window");
        }

        if (cap.FirstAllowed(batch.PastMessages(contact.Id), channel, now, location.TimeZone) is var allowed && allowed > now)
        {
            return new Decision.Defer(planner.Due(group, location, channel, allowed, batch.PastMessages(contact.Id)), "frequency cap");
        }

        try
        {
            return new Decision.Send(_messages.Render(touch, enrollment, contact, group, location, firstSms, freeSlots, template));
        }
        catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException)
        {
            return new Decision.Skip($"failed: could not render step {touch.StepId}: {e.Message}", Failed: true);
        }
    }

    private void Record(NurtureDbContext db, DispatchBatch.Item item, Rendered message, SendResult result, ClinicGroup group,
        DispatchBatch batch, DispatchRun run, bool wasMarkedSending)
    {
        if (!wasMarkedSending)
        {
            return; // an exit cancelled it between the claim and the send; the database already says so
        }

        var touch = item.Touch;
        var now = clock.GetUtcNow();
        switch (result.Status)
        {
            case SendStatus.Sent:
                (touch.Status, touch.SentAt, touch.ProviderMessageId, touch.Outcome) = (TouchStatus.Sent, now, result.ProviderMessageId, null);
                (touch.Subject, touch.TemplatePath, touch.TemplateHash) = (message.Subject, message.TemplatePath, message.TemplateHash);
                (touch.LayoutPath, touch.LayoutHash, touch.ContentCommit) = (message.Layout?.HtmlPath, message.Layout?.Hash, message.ContentCommit);
                (touch.SmsEncoding, touch.SmsSegments) = (message.Size is null ? null : message.Size.Encoding == Templates.SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2", message.Size?.Segments);
                item.Enrollment.TouchesSent++;
                item.Enrollment.UnengagedTouches++;
                run.Sent++;
                run.SentEmail += message.Email is null ? 0 : 1;
                run.SentSms += message.Sms is null ? 0 : 1;
                PlanNext(db, item, group, batch, now, now);
                break;
            case SendStatus.Transient when touch.Attempts + 1 < options.Value.MaxAttempts:
                touch.Attempts++;
                var location = group.Find(touch.LocationId)!;
                var retryAt = planner.Due(group, location, touch.Channel == "sms" ? Channel.Sms : Channel.Email,
                    now + Backoff[Math.Min(touch.Attempts - 1, Backoff.Length - 1)], batch.PastMessages(item.Contact.Id));
                (touch.Status, touch.DueAt, touch.LeaseOwner, touch.LeaseUntil, touch.SendingAt, touch.Outcome) =
                    (TouchStatus.Scheduled, retryAt, null, null, null, $"retry {touch.Attempts}: {result.Detail}");
                run.Retried++;
                break;
            case SendStatus.Undeliverable or SendStatus.OptedOut:
                touch.Attempts++;
                (touch.Status, touch.Outcome) = (TouchStatus.Failed, $"failed: {result.Detail}");
                run.Failed++;
                var channel = touch.Channel;
                if (channel == "sms" && item.Contact.Phone is { } phone)
                {
                    batch.SuppressedSms[phone] = result.Status == SendStatus.OptedOut ? "opted out" : "cannot receive SMS";
                }
                else if (item.Contact.Email is { } address)
                {
                    batch.SuppressedEmail[address] = "bounced";
                }

                PlanNext(db, item, group, batch, now, now);
                break;
            default:
                touch.Attempts++;
                (touch.Status, touch.Outcome) = (TouchStatus.Failed, $"failed: {result.Detail}");
                run.Failed++;
                PlanNext(db, item, group, batch, now, now);
                break;
        }
    }

    /// <summary>
    /// The channel told us the address cannot or must not receive: suppress it group-wide and record what
    /// happened against the touch (a bounce, an undeliverable number, a carrier opt-out).
    /// </summary>
    private async Task BlockAsync(NurtureDbContext db, DispatchBatch.Item item, SendResult result, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sms = item.Touch.Channel == "sms";
        var address = sms ? item.Contact.Phone : item.Contact.Email;
        if (address is null)
        {
            return;
        }

        var reason = result.Status == SendStatus.OptedOut ? "opted-out" : sms ? "cannot-receive-sms" : "bounced";
        await Tracking.Suppressions.AddAsync(db, sms ? "sms" : "email", address, reason, result.Detail ?? "", now, cancellationToken);
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
            Channel = sms ? "sms" : "email",
            At = now,
            Source = sms ? "twilio" : "smtp",
            ExternalId = $"touch-{item.Touch.Id}-{reason}",
            RecordedAt = now,
        });
    }

    /// <summary>
    /// A wait-until touch came due — woken by an event, or at its deadline. If what it waits for happened, the sequence goes
    /// on with the next step from now; if the deadline passed first, at the step named by on_timeout; otherwise (woken by
    /// another event) it waits on until the deadline.
    /// </summary>
    private Decision Waited(DispatchBatch.Item item, DispatchBatch batch, DateTimeOffset now)
    {
        var (touch, enrollment, contact, _) = item;
        var sequence = content.Sequences.Find(enrollment.SequenceId);
        var step = sequence?.Steps.FirstOrDefault(s => s.Id == touch.StepId);
        if (sequence is null || step?.Wait is not { } wait)
        {
            return new Decision.Skip($"skipped: the wait step {touch.StepId} is no longer in the sequence");
        }

        var facts = batch.Facts(enrollment, contact, now, scoring.Value.HalfLife);
        if (StepRules.Failing(wait.Until, facts) is null)
        {
            return new Decision.Skip($"waited: {string.Join(" and ", wait.Until)}") { From = now };
        }

        var deadline = touch.WaitDeadline ?? touch.DueAt;
        if (now < deadline)
        {
            return new Decision.Defer(deadline, $"waiting for {string.Join(" and ", wait.Until)}");
        }

        var target = wait.OnTimeout is { } id ? sequence.Steps.FirstOrDefault(s => s.Id == id) : null;
        return new Decision.Skip($"wait timed out after {wait.Timeout.TotalDays:0.#} days: no {string.Join(" and ", wait.Until)}")
        {
            ContinueAfter = target is null ? null : target.Index - 1,
        };
    }

    private void PlanNext(NurtureDbContext db, DispatchBatch.Item item, ClinicGroup group, DispatchBatch batch, DateTimeOffset from, DateTimeOffset now, int? continueAfter = null)
    {
        var (touch, enrollment, contact, _) = item;
        if (enrollment.Status != EnrollmentStatus.Active)
        {
            return;
        }

        var sequence = content.Sequences.Find(enrollment.SequenceId);
        var location = group.Find(enrollment.LocationId);
        if (sequence is null || location is null)
        {
            (enrollment.Status, enrollment.EndedAt, enrollment.EndReason) =
                (EnrollmentStatus.Completed, now, sequence is null ? $"sequence {enrollment.SequenceId} was removed" : $"location {enrollment.LocationId} was removed");
            return;
        }

        // After a hot reload the step may have moved: continue after the step by its id, by its old position only if it is gone.
        var last = continueAfter ?? sequence.Steps.FirstOrDefault(s => s.Id == touch.StepId)?.Index ?? Math.Min(touch.StepIndex, sequence.Steps.Count - 1);
        var plan = planner.PlanAfter(enrollment, sequence, last, from, group, location, batch.Reach(contact, consent.Value.Email), batch.AllMessages(contact.Id), now, batch.Source(enrollment));
        foreach (var next in plan.Touches)
        {
            db.Touches.Add(next);
            if (next.Status == TouchStatus.Scheduled)
            {
                batch.Planned(contact.Id, next);
            }
        }

        if (plan.Exit is not null)
        {
            (enrollment.Status, enrollment.EndedAt, enrollment.EndReason) = (plan.Exit, now, plan.ExitReason);
            if (plan.Exit == EnrollmentStatus.Disengaged && sequence.DisengageTo is { } target && content.Sequences.Find(target) is not null
                && !db.Enrollments.Any(e => e.ContactId == enrollment.ContactId && e.SequenceId == target && e.Status == EnrollmentStatus.Active))
            {
                // Silent, not gone: the re-engagement sequence takes over; the enroller plans its first touch.
                enrollment.EndReason = $"{plan.ExitReason}; moved to {target}";
                db.Enrollments.Add(enrollment.ContinueIn(target, now));
            }
        }
    }
}
