using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Scheduling;
using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>
/// Plans the next step of a journey that starts when an appointment is booked: a confirmation (<c>delay:</c>) goes at
/// the next open minute of the send window; a reminder (<c>before:</c>) is due that long before the start, and when
/// that falls outside the window it goes at the window's last open minute before it — earlier, never later, never
/// after the start. A reminder no longer useful (its time has passed, or the window does not open again before it)
/// is skipped with the reason. These are care communications: the frequency caps neither hold nor count them.
/// </summary>
internal sealed class ReminderPlanner(SendTime sendTime)
{
    public Plan PlanAfter(Enrollment enrollment, Sequence sequence, int lastStepIndex, DateTimeOffset from, ClinicGroup group, Location location,
        Reachability reach, Appointment? appointment, DateTimeOffset now, Func<SequenceStep, string?> condition)
    {
        if (appointment is null || !appointment.Upcoming(now))
        {
            return new Plan([], EnrollmentStatus.Completed, appointment is null ? "the appointment is not known" : $"the appointment is {StoredName.Of(appointment.Status)}, nothing ahead to remind of");
        }

        var start = appointment.Start;
        var touches = new List<Touch>();
        var at = from;
        for (var index = lastStepIndex + 1; index < sequence.Steps.Count; index++)
        {
            var step = sequence.Steps[index];
            var variant = VariantPicker.Pick(enrollment.ContactId, sequence.Id, step.Id, step.Variants);
            var channel = variant?.Channel ?? step.Channel;
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
                Care = true,
                NotAfter = start,
            };
            touches.Add(touch);
            DateTimeOffset? due;
            string? why;
            if (step.Before is { } before)
            {
                at = start - before;
                due = at <= now ? null : sendTime.LastOpen(group, location, channel, at, now);
                why = at <= now
                    ? $"no longer useful: {SequenceYaml.Words(before)} before the start had passed when it was planned"
                    : due is null ? $"no longer useful: the {StoredName.Of(channel)} send window does not open between now and {SequenceYaml.Words(before)} before the start" : null;
            }
            else
            {
                at += variant?.Delay ?? step.Delay;
                due = sendTime.NextOpen(group, location, channel, at < now ? now : at);
                why = due >= start ? $"no longer useful: the {StoredName.Of(channel)} send window does not open again before the appointment starts" : null;
            }

            why = condition(step) ?? reach.WhyNot(channel) ?? why;
            if (why is not null || due is null)
            {
                touch.Skip($"skipped: {why}");
                touch.DueAt = at < now ? now : at;
                continue;
            }

            touch.DueAt = due.Value;
            return new Plan(touches, null, null);
        }

        return new Plan(touches, EnrollmentStatus.Completed, $"all {sequence.Steps.Count} steps done");
    }
}
