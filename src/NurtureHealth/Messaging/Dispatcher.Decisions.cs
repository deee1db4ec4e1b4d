using Fluid;
using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

public sealed partial class Dispatcher
{
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
            return new Decision.Cancel($"cancelled: the enrollment ended ({StoredName.Of(enrollment.Status)})");
        }

        var location = group.Find(touch.LocationId);
        if (location is null || !location.Active)
        {
            return new Decision.Skip($"skipped: location {touch.LocationId} is {(location is null ? "no longer in the location files" : "inactive")}");
        }

        if (touch.Kind == StepKind.Wait)
        {
            return Waited(item, batch, now);
        }

        var channel = touch.Channel!.Value;
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
}
