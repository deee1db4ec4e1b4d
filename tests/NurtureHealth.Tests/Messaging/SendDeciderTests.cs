using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Messaging;
using NurtureHealth.Scheduling;
using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Messaging;

/// <summary>The last look before a Ready touch goes: facts and a time in, a decision out; no database, no clock.</summary>
public sealed class SendDeciderTests
{
    private static readonly Location Chicago = Some.Location("chicago", 41.9, -87.6, "America/Chicago");
    private static readonly ClinicGroup Group = Some.Group(Chicago);
    private static readonly Reachability Everything = new(HasEmail: true, EmailConsentRefused: false, EmailOptedOut: false, HasPhone: true, SmsConsent: true, SmsOptedOut: false);

    private static readonly SendDecider Decider = new(new SendTime(
        new SendWindowPolicy(Options.Create(new SchedulingOptions())), new FrequencyCap(Options.Create(new SchedulingOptions()))));

    // Monday 23 November 2026, 11:00 in Chicago: the window (09:00-20:00) is open.
    private static readonly DateTimeOffset Monday11 = new(2026, 11, 23, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_ActiveReachableInsideTheWindowUnderTheCaps_Sends()
    {
        Assert.IsType<SendDecision.Send>(Decider.Decide(Facts(Channel.Email), Monday11));
    }

    [Theory]
    [InlineData(EnrollmentStatus.Booked, "cancelled: the enrollment ended (booked)")]
    [InlineData(EnrollmentStatus.OptedOut, "cancelled: the enrollment ended (opted-out)")]
    [InlineData(EnrollmentStatus.Paused, "cancelled: the enrollment ended (paused)")]
    public void Decide_EnrollmentNoLongerActive_CancelsSayingHowItEnded(EnrollmentStatus status, string why)
    {
        var decision = Decider.Decide(Facts(Channel.Email) with { Enrollment = status }, Monday11);

        Assert.Equal(new SendDecision.Cancel(why), decision);
    }

    [Fact]
    public void Decide_LocationRemovedFromTheFiles_Skips()
    {
        var decision = Decider.Decide(Facts(Channel.Email) with { Location = null }, Monday11);

        Assert.Equal(new SendDecision.Skip("skipped: location chicago is no longer in the location files"), decision);
    }

    [Fact]
    public void Decide_LocationMadeInactive_Skips()
    {
        var closed = Some.Location("chicago", 41.9, -87.6, "America/Chicago", active: false);

        Assert.Equal(new SendDecision.Skip("skipped: location chicago is inactive"), Decider.Decide(Facts(Channel.Sms) with { Location = closed }, Monday11));
    }

    [Fact]
    public void Decide_PatientTextedStopSinceTheSequenceDecided_SkipsTheSmsButNotTheEmail()
    {
        var stopped = Everything with { SmsOptedOut = true };

        Assert.Equal(new SendDecision.Skip("skipped: opted out of SMS"), Decider.Decide(Facts(Channel.Sms) with { Reach = stopped }, Monday11));
        Assert.IsType<SendDecision.Send>(Decider.Decide(Facts(Channel.Email) with { Reach = stopped }, Monday11));
    }

    [Fact]
    public void Decide_NumberOnTheSuppressionList_SkipsNamingWhy()
    {
        var suppressed = Everything with { SmsSuppressed = "cannot-receive-sms" };

        Assert.Equal(new SendDecision.Skip("skipped: number on the suppression list (cannot-receive-sms)"), Decider.Decide(Facts(Channel.Sms) with { Reach = suppressed }, Monday11));
    }

    [Fact]
    public void Decide_AfterTheWindowCloses_DefersToNineTheNextMorningLocal()
    {
        var lateEvening = new DateTimeOffset(2026, 11, 24, 3, 30, 0, TimeSpan.Zero); // 21:30 Monday in Chicago

        var decision = Assert.IsType<SendDecision.Defer>(Decider.Decide(Facts(Channel.Email), lateEvening));

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero), decision.Until); // 09:00 Tuesday in Chicago
        Assert.Equal("deferred: outside the location's send window", decision.Why);
    }

    [Fact]
    public void Decide_SecondSmsTheSameDay_DefersPastTheDailyCap()
    {
        var earlier = new PlannedMessage(Monday11.AddHours(-1), Channel.Sms);

        var decision = Assert.IsType<SendDecision.Defer>(Decider.Decide(Facts(Channel.Sms) with { Past = [earlier] }, Monday11));

        Assert.Equal("deferred: frequency cap", decision.Why);
        Assert.True(decision.Until > Monday11.Date.AddDays(1), $"deferred only to {decision.Until:O}");
    }

    [Fact]
    public void Decide_AnEmailAfterAnSmsTheSameDay_IsNotHeldByTheSmsCap()
    {
        var earlier = new PlannedMessage(Monday11.AddHours(-1), Channel.Sms);

        Assert.IsType<SendDecision.Send>(Decider.Decide(Facts(Channel.Email) with { Past = [earlier] }, Monday11));
    }

    [Fact]
    public void Decide_AWait_IsRefusedForItHasNothingToSend()
    {
        var wait = new Touch { Id = 7, Kind = StepKind.Wait, LocationId = "chicago", Status = TouchStatus.Claimed };

        var error = Assert.Throws<InvalidOperationException>(() => Decider.Decide(Facts(Channel.Email) with { Touch = wait }, Monday11));

        Assert.Equal("touch 7 is a wait and has nothing to send", error.Message);
    }

    private static SendFacts Facts(Channel channel) =>
        new(new Touch { Id = 1, Channel = channel, LocationId = "chicago", Status = TouchStatus.Claimed, DueAt = Monday11 }, EnrollmentStatus.Active, Group, Chicago,
            Everything, []);
}
