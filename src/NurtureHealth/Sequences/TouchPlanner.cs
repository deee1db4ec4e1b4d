using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Scheduling;
using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>
/// Plans an enrollment's next touch: the step after the last one, due its delay after the previous
/// touch, moved into the location's send window and held to the person's frequency cap. Steps whose
/// condition does not hold, or whose channel cannot reach the person, are written as skipped with the
/// reason and the next step is tried.
/// </summary>
public sealed class TouchPlanner(SendTime sendTime, IOptions<SequencingOptions> options)
{
    private readonly ReminderPlanner _reminders = new(sendTime);

    /// <summary>
    /// Plans what follows step <paramref name="lastStepIndex"/> (-1 at enrollment), counting from <paramref name="from"/>;
    /// a journey that reminds of <paramref name="appointment"/> counts its reminders back from its start.
    /// </summary>
    public Plan PlanAfter(Enrollment enrollment, Sequence sequence, int lastStepIndex, DateTimeOffset from, ClinicGroup group, Location location,
        Reachability reach, IReadOnlyCollection<PlannedMessage> otherMessages, DateTimeOffset now, string? source, Appointment? appointment = null)
    {
        if (sequence.Reminds)
        {
            return _reminders.PlanAfter(enrollment, sequence, lastStepIndex, from, group, location, reach, appointment, now, step => Condition(step, enrollment, source) is { } why ? why : null);
        }

        var limit = sequence.DisengageAfter ?? options.Value.DisengageAfter;
        if (enrollment.UnengagedTouches >= limit)
        {
            return new Plan([], EnrollmentStatus.Disengaged, $"no open, click or reply after {enrollment.UnengagedTouches} touches");
        }

        var touches = new List<Touch>();
        var at = from;
        var optedOutOf = new List<Channel>();
        for (var index = lastStepIndex + 1; index < sequence.Steps.Count; index++)
        {
            var step = sequence.Steps[index];
            if (step.Wait is { } wait)
            {
                // A wait sends nothing: its touch is due when the wait times out, and an event can make it due sooner.
                at += step.Delay;
                var deadline = (at < now ? now : at) + wait.Timeout;
                touches.Add(new Touch
                {
                    EnrollmentId = enrollment.Id,
                    ContactId = enrollment.ContactId,
                    StepIndex = step.Index,
                    StepId = step.Id,
                    Kind = StepKind.Wait,
                    Stage = step.Stage.ToString().ToLowerInvariant(),
                    LocationId = location.Id,
                    CreatedAt = now,
                    DueAt = deadline,
                    WaitDeadline = deadline,
                });
                return new Plan(touches, null, null);
            }

            var variant = VariantPicker.Pick(enrollment.ContactId, sequence.Id, step.Id, step.Variants);
            var channel = variant?.Channel ?? step.Channel;
            at += variant?.Delay ?? step.Delay;
            var why = Condition(step, enrollment, source) ?? reach.WhyNot(channel);
            var touch = new Touch
            {
                EnrollmentId = enrollment.Id,
                ContactId = enrollment.ContactId,
                StepIndex = step.Index,
                StepId = step.Id,
                Variant = variant?.Id,
                Channel = channel,
                Stage = step.Stage.ToString().ToLowerInvariant(),
                LocationId = location.Id,
                CreatedAt = now,
            };
            if (why is not null)
            {
                if (reach.OptedOut(channel) && !optedOutOf.Contains(channel))
                {
                    optedOutOf.Add(channel);
                }

                touch.Skip($"skipped: {why}");
                touch.DueAt = at;
                touches.Add(touch);
                continue;
            }

            touch.DueAt = sendTime.Next(group, location, channel, at < now ? now : at, otherMessages);
            touches.Add(touch);
            return new Plan(touches, null, null);
        }

        // Steps left only on channels the patient asked to stop: the sequence ended because they opted out, not because it ran its course.
        return optedOutOf.Count > 0
            ? new Plan(touches, EnrollmentStatus.OptedOut, $"opted out of {string.Join(" and ", optedOutOf.Select(c => c == Channel.Sms ? "SMS" : "email"))}; no step left that reaches them")
            : new Plan(touches, EnrollmentStatus.Completed, $"all {sequence.Steps.Count} steps done");
    }

    /// <summary>
    /// Why a step does not run for this enrollment, judged when it is planned: conditions on the provider and the lead's
    /// attributes. Conditions on engagement are decided when the touch is due (<see cref="StepRules"/>).
    /// </summary>
    private static string? Condition(SequenceStep step, Enrollment enrollment, string? source) =>
        StepRules.Failing(step.When, ConditionFacts.Planning(enrollment, source)) is { } failing
            ? $"when '{failing.Text}' does not hold"
            : null;
}
