using Microsoft.Extensions.Options;
using NurtureHealth.Scheduling;
using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Scheduling;

public sealed class FrequencyCapTests
{
    private static readonly FrequencyCap Cap = new(Options.Create(new SchedulingOptions()));
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    [Fact]
    public void FirstAllowed_SecondSmsTheSameLocalDay_MovesToTomorrow()
    {
        var morning = At(24, 10);
        var others = new[] { new PlannedMessage(morning, Channel.Sms) };

        Assert.Equal(At(25, 0), Cap.FirstAllowed(others, Channel.Sms, At(24, 15), Chicago));
        Assert.Equal(At(24, 15), Cap.FirstAllowed(others, Channel.Email, At(24, 15), Chicago));
    }

    [Fact]
    public void FirstAllowed_FourthMessageInSevenDays_WaitsUntilTheFirstLeavesTheWeek()
    {
        var others = new[] { new PlannedMessage(At(20, 10), Channel.Email), new PlannedMessage(At(22, 10), Channel.Sms), new PlannedMessage(At(24, 10), Channel.Email) };

        Assert.Equal(At(27, 10), Cap.FirstAllowed(others, Channel.Email, At(25, 10), Chicago));
    }

    [Fact]
    public void FirstAllowed_TwoSequencesPlanningForOnePerson_NeverExceedThreeAWeek()
    {
        // Touches from a skin sequence already sent and planned; a second sequence wants to send every day.
        var all = new List<PlannedMessage> { new(At(20, 10), Channel.Email), new(At(23, 10), Channel.Email) };
        for (var day = 20; day < 40; day++)
        {
            var at = Cap.FirstAllowed(all, Channel.Email, At(day, 11), Chicago);
            all.Add(new PlannedMessage(at, Channel.Email));
        }

        var times = all.Select(m => m.At).Order().ToList();
        foreach (var start in times)
        {
            Assert.True(times.Count(t => t >= start && t < start.AddDays(7)) <= 3, $"more than 3 messages in the week from {start}");
        }
    }

    [Fact]
    public void FirstAllowed_ScheduledFutureMessages_AlsoCount()
    {
        var others = new[] { new PlannedMessage(At(25, 10), Channel.Email), new PlannedMessage(At(26, 10), Channel.Email), new PlannedMessage(At(27, 10), Channel.Email) };

        var at = Cap.FirstAllowed(others, Channel.Email, At(24, 10), Chicago);

        Assert.True(at >= At(25, 10).AddDays(7), $"{at} would put four messages in one week");
    }

    private static DateTimeOffset At(int day, int hour) =>
        SendWindowPolicy.ToInstant(new DateOnly(2026, 11, 1).AddDays(day - 1), new TimeOnly(hour, 0), Chicago);
}
