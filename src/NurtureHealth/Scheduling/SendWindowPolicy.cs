using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Touches;

namespace NurtureHealth.Scheduling;

/// <summary>
/// When a location may message its patients: inside its send window for the channel, in its own time
/// zone, never on its holidays or the days it is closed, and never outside 08:00–21:00 local.
/// </summary>
/// <remarks>
/// Windows are local wall-clock times, so across a daylight-saving change the UTC instant moves and the
/// local hour does not. America/Phoenix keeps no daylight saving time and needs no special case.
/// </remarks>
public sealed class SendWindowPolicy(IOptions<SchedulingOptions> options)
{
    private const int SearchDays = 400;

    /// <summary>The window in force for a location and channel: the location's, else the group's, else the configured default.</summary>
    public TimeRange WindowFor(ClinicGroup group, Location location, Channel channel) => channel == Channel.Sms
        ? location.SendWindows.Sms ?? group.SendWindows.Sms ?? options.Value.Sms
        : location.SendWindows.Email ?? group.SendWindows.Email ?? options.Value.Email;

    /// <summary>True when a message may go out at <paramref name="instant"/>.</summary>
    public bool IsOpen(ClinicGroup group, Location location, Channel channel, DateTimeOffset instant) =>
        NextOpen(group, location, channel, instant) == instant;

    /// <summary>The first instant at or after <paramref name="from"/> when a message may go out.</summary>
    public DateTimeOffset NextOpen(ClinicGroup group, Location location, Channel channel, DateTimeOffset from)
    {
        var window = Clamp(WindowFor(group, location, channel));
        var zone = location.TimeZone;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        for (var i = 0; i < SearchDays; i++, day = day.AddDays(1))
        {
            if (!IsSendingDay(group, location, day))
            {
                continue;
            }

            var start = ToInstant(day, window.Start, zone);
            var end = ToInstant(day, window.End, zone);
            if (from < start)
            {
                return start;
            }

            if (from < end)
            {
                return from;
            }
        }

        throw new InvalidOperationException($"Location {location.Id} has no day open for {channel} in the next {SearchDays} days: check its hours and holidays.");
    }

    /// <summary>
    /// The last minute at or before <paramref name="atOrBefore"/> when a message may go out, and not before
    /// <paramref name="notBefore"/>; null when the window is shut all that time. A reminder due at 02:00 goes the
    /// evening before, at the window's last open minute: earlier, never later (it must not arrive after the visit).
    /// </summary>
    public DateTimeOffset? LastOpen(ClinicGroup group, Location location, Channel channel, DateTimeOffset atOrBefore, DateTimeOffset notBefore)
    {
        var window = Clamp(WindowFor(group, location, channel));
        var zone = location.TimeZone;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(atOrBefore, zone).DateTime);
        for (var i = 0; i < SearchDays; i++, day = day.AddDays(-1))
        {
            var end = ToInstant(day, window.End, zone);
            if (end <= notBefore)
            {
                return null;
            }

            if (!IsSendingDay(group, location, day))
            {
                continue;
            }

            var start = ToInstant(day, window.Start, zone);
            var last = atOrBefore < end ? atOrBefore : end.AddMinutes(-1);
            if (last >= start)
            {
                return last < notBefore ? null : last;
            }
        }

        return null;
    }

    /// <summary>False on the group's and location's holidays and on days the location is closed (when it lists any hours at all).</summary>
    public static bool IsSendingDay(ClinicGroup group, Location location, DateOnly day)
    {
        if (group.Holidays.Contains(day) || location.Holidays.Contains(day))
        {
            return false;
        }

        var listsHours = Enum.GetValues<DayOfWeek>().Any(d => location.Hours.On(d).Count > 0);
        return !listsHours || location.Hours.On(day.DayOfWeek).Count > 0;
    }

    private static TimeRange Clamp(TimeRange window) => new(
        window.Start < SendWindows.Legal.Start ? SendWindows.Legal.Start : window.Start,
        window.End > SendWindows.Legal.End ? SendWindows.Legal.End : window.End);

    /// <summary>A local wall-clock time on a day as an instant; a time skipped by a spring-forward change moves to the first valid minute after it.</summary>
    internal static DateTimeOffset ToInstant(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
