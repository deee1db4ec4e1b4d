using NurtureHealth.Scheduling;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>
/// The last look before a Ready touch goes, given its facts and the time: still enrolled, its location still active, the
/// channel still reaching the patient (an opt-out or a bounce may have landed since its sequence decided), inside the
/// location's send window, within the patient's caps. Reads nothing and writes nothing: the caller gathers the facts.
/// </summary>
public sealed class SendDecider(SendTime sendTime)
{
    /// <summary>Decides what to do with the touch at <paramref name="now"/>.</summary>
    public SendDecision Decide(SendFacts facts, DateTimeOffset now)
    {
        var (touch, status, group, location, reach, past) = facts;
        if (status != EnrollmentStatus.Active)
        {
            return new SendDecision.Cancel($"cancelled: the enrollment ended ({StoredName.Of(status)})");
        }

        if (location is null || !location.Active)
        {
            return new SendDecision.Skip($"skipped: location {touch.LocationId} is {(location is null ? "no longer in the location files" : "inactive")}");
        }

        var channel = touch.Channel ?? throw new InvalidOperationException($"touch {touch.Id} is a wait and has nothing to send");
        if (reach.WhyNot(channel) is { } unreachable)
        {
            return new SendDecision.Skip($"skipped: {unreachable}");
        }

        if (touch.NotAfter is { } start)
        {
            // A reminder: never at or after the visit, and the caps neither hold nor count it (a care communication).
            var open = sendTime.NextOpen(group, location, channel, now);
            return open >= start ? new SendDecision.Skip("skipped: no longer useful: the send window does not open again before the appointment starts")
                : open > now ? new SendDecision.Defer(open, "deferred: outside the location's send window")
                : new SendDecision.Send();
        }

        if (!sendTime.WindowOpen(group, location, channel, now))
        {
            return new SendDecision.Defer(sendTime.Next(group, location, channel, now, past), "deferred: outside the location's send window");
        }

        return touch.Care ? new SendDecision.Send() : sendTime.CapAllows(location, channel, now, past) is var allowed && allowed > now
            ? new SendDecision.Defer(sendTime.Next(group, location, channel, allowed, past), "deferred: frequency cap")
            : new SendDecision.Send();
    }
}
