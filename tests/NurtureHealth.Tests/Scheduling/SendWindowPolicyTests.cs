using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Scheduling;
using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Scheduling;

public sealed class SendWindowPolicyTests
{
    private static readonly SendWindowPolicy Policy = new(Options.Create(new SchedulingOptions()));
    private static readonly Location Chicago = Some.Location("chicago", 41.9, -87.6, "America/Chicago");
    private static readonly Location Phoenix = Some.Location("phoenix", 33.5, -112.0, "America/Phoenix");
    private static readonly ClinicGroup Group = Some.Group(Chicago, Phoenix);

    [Theory]
    // Chicago, spring forward on Sunday 8 March 2026: 09:00 is 15:00Z the day before and 14:00Z after.
    [InlineData("chicago", "2026-03-07T02:30:00Z", "2026-03-07T15:00:00Z")]
    [InlineData("chicago", "2026-03-08T03:00:00Z", "2026-03-08T14:00:00Z")]
    [InlineData("chicago", "2026-03-09T01:30:00Z", "2026-03-09T14:00:00Z")]
    // Chicago, fall back on Sunday 1 November 2026: 09:00 is 14:00Z the day before and 15:00Z after.
    [InlineData("chicago", "2026-10-31T05:00:00Z", "2026-10-31T14:00:00Z")]
    [InlineData("chicago", "2026-11-01T05:00:00Z", "2026-11-01T15:00:00Z")]
    // Phoenix keeps MST all year: 09:00 is 16:00Z in March and November alike.
    [InlineData("phoenix", "2026-03-08T03:00:00Z", "2026-03-08T16:00:00Z")]
    [InlineData("phoenix", "2026-03-09T03:00:00Z", "2026-03-09T16:00:00Z")]
    [InlineData("phoenix", "2026-11-01T05:00:00Z", "2026-11-01T16:00:00Z")]
    public void NextOpen_BeforeTheWindowAcrossDaylightSavingChanges_IsNineLocal(string location, string due, string expected)
    {
        var next = Policy.NextOpen(Group, Group.Find(location)!, Channel.Email, DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void NextOpen_InsideTheWindow_IsTheDueInstantItself()
    {
        var due = Local(Chicago, 2026, 11, 24, 13, 15);

        Assert.Equal(due, Policy.NextOpen(Group, Chicago, Channel.Sms, due));
    }

    [Theory]
    [InlineData(20, 59, false)]
    [InlineData(21, 0, true)]
    [InlineData(21, 1, true)]
    public void NextOpen_LateEvening_WithAWindowUntilNine_SendsOnlyBeforeNine(int hour, int minute, bool movesToNextMorning)
    {
        var late = Chicago with { SendWindows = new SendWindows(new TimeRange(new(9, 0), new(21, 0)), null) };
        var due = Local(late, 2026, 11, 24, hour, minute);

        var next = Policy.NextOpen(Some.Group(late), late, Channel.Email, due);

        Assert.Equal(movesToNextMorning ? Local(late, 2026, 11, 25, 9, 0) : due, next);
    }

    [Fact]
    public void NextOpen_DefaultWindowEndsAtEight_SoEightFiftyNineWaitsForMorning()
    {
        Assert.Equal(Local(Chicago, 2026, 11, 25, 9, 0), Policy.NextOpen(Group, Chicago, Channel.Sms, Local(Chicago, 2026, 11, 24, 20, 59)));
    }

    [Fact]
    public void NextOpen_OnAGroupHoliday_MovesToTheNextDay()
    {
        var thanksgiving = new ClinicGroup("G", Some.ServiceLines, ["web-form"], [Chicago]) { Holidays = new HashSet<DateOnly> { new(2026, 11, 26) } };

        Assert.Equal(Local(Chicago, 2026, 11, 27, 9, 0), Policy.NextOpen(thanksgiving, Chicago, Channel.Email, Local(Chicago, 2026, 11, 26, 10, 0)));
    }

    [Fact]
    public void NextOpen_OnALocationHolidayAndAClosedSunday_SkipsBoth()
    {
        var hours = OpeningHours.Parse(new Dictionary<string, string> { ["mon"] = "08:00-17:00", ["sat"] = "09:00-13:00" });
        var location = Chicago with { Hours = hours, Holidays = new HashSet<DateOnly> { new(2026, 11, 28) } };

        // Saturday 28 Nov is the location's holiday, Sunday it is closed, Tuesday it lists no hours either: Monday it is.
        Assert.Equal(Local(location, 2026, 11, 30, 9, 0), Policy.NextOpen(Some.Group(location), location, Channel.Email, Local(location, 2026, 11, 28, 11, 0)));
    }

    [Fact]
    public void WindowFor_LocationWinsOverGroupWinsOverDefault()
    {
        var sms = new TimeRange(new(10, 0), new(19, 0));
        var email = new TimeRange(new(8, 30), new(20, 30));
        var location = Chicago with { SendWindows = new SendWindows(null, sms) };
        var group = new ClinicGroup("G", Some.ServiceLines, ["web-form"], [location]) { SendWindows = new SendWindows(email, new TimeRange(new(12, 0), new(13, 0))) };

        Assert.Equal(sms, Policy.WindowFor(group, location, Channel.Sms));
        Assert.Equal(email, Policy.WindowFor(group, location, Channel.Email));
        Assert.Equal(new TimeRange(new(9, 0), new(20, 0)), Policy.WindowFor(Some.Group(Chicago), Chicago, Channel.Email));
    }

    internal static DateTimeOffset Local(Location location, int y, int m, int d, int h, int min) =>
        SendWindowPolicy.ToInstant(new DateOnly(y, m, d), new TimeOnly(h, min), location.TimeZone);
}
