using NurtureHealth.Checks;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Tests.Sequences;

/// <summary><c>entry.appointment</c> and <c>before:</c> as <c>nurture check</c> reads them: a journey written wrong is an error naming the step and the fix.</summary>
public sealed class JourneyParserTests : IDisposable
{
    private const string Entry = "entry:\n  service_lines: [dermatology]\n  appointment: {0}\n";
    private readonly TempFolder _folder = new();

    public JourneyParserTests() => _folder.CopyFrom(TestPaths.Templates);

    [Theory]
    [InlineData("booked", "  - id: confirmation\n    stage: care\n    channel: email\n    delay: 0\n    before: 1d\n", "step 'confirmation' has both delay and before")]
    [InlineData("cancelled", "  - id: confirmation\n    stage: care\n    channel: email\n    before: 1d\n", "before: counts back from a booked appointment's start")]
    [InlineData("booked", "  - id: reminder-1d\n    stage: care\n    channel: sms\n    before: 1d\n  - id: reminder-3d\n    stage: care\n    channel: email\n    before: 3d\n",
        "step 'reminder-3d' (3d before) comes after 'reminder-1d' but would be sent no later")]
    [InlineData("booked", "  - id: confirmation\n    stage: care\n    channel: email\n    delay: 0\n  - id: wait\n    wait_until: clicked confirmation\n    timeout: 1d\n",
        "wait_until: a booked journey's steps are timed by the appointment")]
    [InlineData("rebooked", "  - id: confirmation\n    stage: care\n    channel: email\n    delay: 0\n", "entry.appointment: 'rebooked' is not one of booked, cancelled, no-show")]
    public void Load_JourneyWrittenWrong_IsAnErrorNamingTheProblem(string moment, string steps, string expected)
    {
        _folder.Write("consult-reminders/sequence.yaml", $"name: Reminders\n{string.Format(System.Globalization.CultureInfo.InvariantCulture, Entry, moment)}steps:\n{steps}");

        var findings = ContentCheck.Run(TestPaths.Locations, _folder.Path).Findings;

        Assert.Contains(findings, f => f.Severity == FindingSeverity.Error && f.File.Contains("consult-reminders", StringComparison.Ordinal)
            && f.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ShippedReminders_AreACareJourneyEnteredByTheBooking()
    {
        var result = ContentCheck.Run(TestPaths.Locations, _folder.Path);

        var reminders = result.Sequences!.ForAppointment("dermatology", AppointmentStatus.Booked)!;
        Assert.True(reminders.Reminds);
        Assert.False(reminders.Enrolls("dermatology", "guide-download")); // a lead never enters a journey
        Assert.Equal("rebook", result.Sequences.ForAppointment("dermatology", AppointmentStatus.Cancelled)!.Id);
        Assert.Equal("missed-visit", result.Sequences.ForAppointment("dermatology", AppointmentStatus.NoShow)!.Id);
    }

    public void Dispose() => _folder.Dispose();
}
