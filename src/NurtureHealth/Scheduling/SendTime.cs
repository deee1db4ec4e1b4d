using NurtureHealth.Locations;
using NurtureHealth.Touches;

namespace NurtureHealth.Scheduling;

/// <summary>When a message may go: inside the location's send window (its holidays and closed days skipped) and within the person's frequency caps.</summary>
public sealed class SendTime(SendWindowPolicy windows, FrequencyCap cap)
{
    /// <summary>The first instant at or after <paramref name="candidate"/> inside the send window and within the caps, given the person's other messages.</summary>
    public DateTimeOffset Next(ClinicGroup group, Location location, Channel channel, DateTimeOffset candidate, IReadOnlyCollection<PlannedMessage> otherMessages)
    {
        var due = windows.NextOpen(group, location, channel, candidate);
        for (var guard = 0; guard < 100; guard++)
        {
            var allowed = cap.FirstAllowed(otherMessages, channel, due, location.TimeZone);
            if (allowed == due)
            {
                return due;
            }

            due = windows.NextOpen(group, location, channel, allowed);
        }

        return due;
    }

    /// <summary>The first instant at or after <paramref name="from"/> inside the send window, caps aside (care communications).</summary>
    public DateTimeOffset NextOpen(ClinicGroup group, Location location, Channel channel, DateTimeOffset from) => windows.NextOpen(group, location, channel, from);

    /// <summary>The last open minute at or before <paramref name="atOrBefore"/> and not before <paramref name="notBefore"/>, caps aside; null when there is none.</summary>
    public DateTimeOffset? LastOpen(ClinicGroup group, Location location, Channel channel, DateTimeOffset atOrBefore, DateTimeOffset notBefore) =>
        windows.LastOpen(group, location, channel, atOrBefore, notBefore);

    /// <summary>True while the location's send window for <paramref name="channel"/> is open.</summary>
    public bool WindowOpen(ClinicGroup group, Location location, Channel channel, DateTimeOffset now) => windows.IsOpen(group, location, channel, now);

    /// <summary>The first instant at or after <paramref name="now"/> the caps allow one more message, given the person's past ones.</summary>
    public DateTimeOffset CapAllows(Location location, Channel channel, DateTimeOffset now, IReadOnlyCollection<PlannedMessage> pastMessages) =>
        cap.FirstAllowed(pastMessages, channel, now, location.TimeZone);
}
