using Microsoft.Extensions.Options;
using NurtureHealth.Touches;

namespace NurtureHealth.Scheduling;

/// <summary>
/// Holds each person to a frequency cap across every sequence and channel: at most
/// <see cref="SchedulingOptions.MaxSmsPerDay"/> SMS per local day and
/// <see cref="SchedulingOptions.MaxMessagesPerWeek"/> messages in any 7 days.
/// </summary>
public sealed class FrequencyCap(IOptions<SchedulingOptions> options)
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>
    /// The first instant at or after <paramref name="candidate"/> at which one more message on
    /// <paramref name="channel"/> keeps the person within both caps, given their other messages.
    /// </summary>
    public DateTimeOffset FirstAllowed(IReadOnlyCollection<PlannedMessage> others, Channel channel, DateTimeOffset candidate, TimeZoneInfo zone)
    {
        var at = candidate;
        for (var guard = 0; guard < 1000; guard++)
        {
            var moved = AfterDailySmsCap(others, channel, at, zone) ?? AfterWeeklyCap(others, at);
            if (moved is null)
            {
                return at;
            }

            at = moved.Value;
        }

        return at;
    }

    private DateTimeOffset? AfterDailySmsCap(IReadOnlyCollection<PlannedMessage> others, Channel channel, DateTimeOffset at, TimeZoneInfo zone)
    {
        if (channel != Channel.Sms)
        {
            return null;
        }

        var day = LocalDay(at, zone);
        var sameDay = others.Count(m => m.Channel == Channel.Sms && LocalDay(m.At, zone) == day);
        return sameDay < options.Value.MaxSmsPerDay ? null : SendWindowPolicy.ToInstant(day.AddDays(1), TimeOnly.MinValue, zone);
    }

    /// <summary>
    /// Every 7-day span that would hold the new message must hold at most the cap. When one would not,
    /// the message moves to just after the span's earliest message leaves it.
    /// </summary>
    private DateTimeOffset? AfterWeeklyCap(IReadOnlyCollection<PlannedMessage> others, DateTimeOffset at)
    {
        var near = others.Select(m => m.At).Where(t => t > at - Week && t < at + Week).Append(at).Order().ToList();
        foreach (var spanStart in near.Where(t => t <= at))
        {
            var count = near.Count(t => t >= spanStart && t < spanStart + Week);
            if (count > options.Value.MaxMessagesPerWeek)
            {
                return spanStart + Week > at ? spanStart + Week : at + TimeSpan.FromMinutes(1);
            }
        }

        return null;
    }

    private static DateOnly LocalDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
