using Microsoft.EntityFrameworkCore;
using NurtureHealth.Cycle;
using NurtureHealth.HandOffs;
using NurtureHealth.Leads;
using NurtureHealth.Scheduling;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;

namespace NurtureHealth.Tests.Tracking;

/// <summary>
/// After the booking, with the shipped journeys (templates/consult-reminders, rebook, missed-visit) and the real
/// dispatcher on SQLite: reminders counted back from the start and moved earlier into the send window, re-planned on
/// a reschedule, stopped by a cancellation, never sent once the visit has started; "C" and "R" by text.
/// </summary>
public sealed class AppointmentJourneyTests : IDisposable
{
    private const string Consent = ""","consent":{"email":true,"sms":true,"sms_text":"I agree to receive texts. Reply STOP to opt out.","at":"2026-11-20T15:04:05Z"}""";
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private readonly NurtureServices _services = new();

    [Fact]
    public async Task Booked_EveryReminderGoesBeforeTheStart_AndOneDueAt0200GoesAtTheWindowsLastMinuteTheEveningBefore()
    {
        var (contact, location) = await EnrolledAsync();
        // A 04:00 visit: its 2-hour reminder falls at 02:00, when no text may go.
        var start = Local(2026, 12, 2, 4, 0);
        Assert.Equal("booked", await BookAsync(contact, "appt-1", start, location));

        await RunUntilAsync(start.AddDays(1));

        var sent = Journey("consult-reminders").Where(t => t.Status == TouchStatus.Sent).ToDictionary(t => t.StepId);
        Assert.Equal(["confirmation", "reminder-1d", "reminder-2h", "reminder-3d"], sent.Keys.Order());
        Assert.All(sent.Values, t => Assert.True(t.SentAt < start, $"{t.StepId} went at {t.SentAt:u}, not before the start {start:u}"));
        Assert.All(sent.Values, t => Assert.True(t.Care && t.NotAfter == start));
        var group = _services.Get<NurtureHealth.Locations.LocationCatalog>().Group;
        var window = _services.Get<SendWindowPolicy>().WindowFor(group, group.Find(location)!, Channel.Sms);
        var twoHours = TimeZoneInfo.ConvertTime(sent["reminder-2h"].SentAt!.Value, Chicago);
        Assert.Equal(new DateTime(2026, 12, 1), twoHours.Date);
        Assert.Equal(window.End.AddMinutes(-1), TimeOnly.FromDateTime(twoHours.DateTime));
    }

    [Fact]
    public async Task Rescheduled_EveryReminderNotYetSentIsCancelledAndPlannedAgainForTheNewStart()
    {
        var (contact, location) = await EnrolledAsync();
        var first = Local(2026, 12, 4, 10, 0);
        await BookAsync(contact, "appt-1", first, location);
        await RunUntilAsync(Some.Now.AddHours(1)); // the confirmation goes

        var moved = Local(2026, 12, 8, 10, 0);
        Assert.Equal("rescheduled", await BookAsync(contact, "appt-1", moved, location));
        await RunUntilAsync(moved.AddDays(1));

        var touches = Journey("consult-reminders");
        Assert.Contains(touches, t => t.Status == TouchStatus.Cancelled && t.NotAfter == first && t.Outcome!.Contains("rescheduled", StringComparison.Ordinal));
        var after = touches.Where(t => t.Status == TouchStatus.Sent && t.NotAfter != first).ToList();
        Assert.Equal(["confirmation", "reminder-1d", "reminder-2h", "reminder-3d"], after.Select(t => t.StepId).Order());
        Assert.All(after, t => Assert.True(t.NotAfter == moved && t.SentAt < moved, $"{t.StepId} was for {t.NotAfter:u}, sent {t.SentAt:u}"));
        using var db = _services.Db();
        Assert.Equal(["booked", "rescheduled"], db.AppointmentChanges.OrderBy(c => c.Id).Select(c => c.Change).ToList());
    }

    [Fact]
    public async Task Cancelled_StopsEveryReminder_AndStartsTheRebookingJourney()
    {
        var (contact, location) = await EnrolledAsync();
        var start = Local(2026, 12, 4, 10, 0);
        await BookAsync(contact, "appt-1", start, location);
        await RunUntilAsync(Some.Now.AddHours(1));

        Assert.Equal("cancelled", await _services.Get<AppointmentBook>().ApplyAsync(
            new AppointmentNews(contact, "appt-1", AppointmentStatus.Cancelled, null, null, null, null, _services.Clock.GetUtcNow(), "test")));
        await RunUntilAsync(start.AddDays(1));

        var reminders = Journey("consult-reminders");
        Assert.DoesNotContain(reminders, t => t.Status == TouchStatus.Sent && t.StepId != "confirmation");
        Assert.Contains(reminders, t => t.Status == TouchStatus.Cancelled);
        using var db = _services.Db();
        Assert.Equal(EnrollmentStatus.Completed, db.Enrollments.Single(e => e.SequenceId == "consult-reminders").Status);
        Assert.Contains(Journey("rebook"), t => t.Status == TouchStatus.Sent && t.StepId == "rebook-offer");
    }

    [Fact]
    public async Task TwoBookings_EachGetsItsOwnReminders()
    {
        var (contact, location) = await EnrolledAsync();
        var first = Local(2026, 12, 4, 10, 0);
        var second = Local(2026, 12, 11, 15, 0);
        await BookAsync(contact, "appt-1", first, location);
        await BookAsync(contact, "appt-2", second, location);

        await RunUntilAsync(second.AddDays(1));

        var sent = Journey("consult-reminders").Where(t => t.Status == TouchStatus.Sent).ToList();
        Assert.Equal(4, sent.Count(t => t.NotAfter == first && t.SentAt < first));
        Assert.Equal(4, sent.Count(t => t.NotAfter == second && t.SentAt < second));
    }

    [Fact]
    public async Task DueAfterTheVisitStarted_NothingIsSent()
    {
        var (contact, location) = await EnrolledAsync();
        var start = Local(2026, 11, 24, 11, 0);
        await BookAsync(contact, "appt-1", start, location);

        // The worker was down from the booking until after the visit: what was due is skipped, never sent late.
        _services.Clock.SetUtcNow(start.AddMinutes(1));
        await RunUntilAsync(start.AddDays(2));

        var touches = Journey("consult-reminders");
        Assert.DoesNotContain(touches, t => t.Status == TouchStatus.Sent);
        Assert.Contains(touches, t => t.Status == TouchStatus.Skipped && t.Outcome!.Contains("no longer useful", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SpanishC_ConfirmsTheAppointment_AndRAsksStaffForAnotherTime()
    {
        var (contact, location) = await EnrolledAsync();
        await BookAsync(contact, "appt-1", Local(2026, 12, 4, 10, 0), location);

        var confirmed = await _services.Get<InboundSms>().HandleAsync("+13125550100", "+13125550142", "C.", "SM-c-1", CancellationToken.None);

        Assert.NotNull(confirmed);
        Assert.Contains("confirmada", confirmed, StringComparison.Ordinal); // the patient's language: es
        Assert.Contains("vie 4 de dic", confirmed, StringComparison.Ordinal);
        using (var db = _services.Db())
        {
            Assert.NotNull(db.Appointments.Single().ConfirmedAt);
            Assert.Contains("confirmed", db.AppointmentChanges.Select(c => c.Change));
            Assert.Equal(EnrollmentStatus.Active, db.Enrollments.Single(e => e.SequenceId == "consult-reminders").Status); // the reminders go on
        }

        var reschedule = await _services.Get<InboundSms>().HandleAsync("+13125550100", "+13125550142", "reprogramar", "SM-r-1", CancellationToken.None);

        Assert.Contains("llamaremos", reschedule, StringComparison.Ordinal);
        using var after = _services.Db();
        var handOff = after.HandOffs.Single();
        Assert.Equal(HandOffReason.Reschedule, handOff.Reason);
        Assert.Equal(location, handOff.LocationId);
        Assert.NotNull(after.Appointments.Single().RescheduleRequestedAt);
        Assert.Equal(EnrollmentStatus.Active, after.Enrollments.Single(e => e.SequenceId == "consult-reminders").Status);
    }

    [Fact]
    public async Task C_FromANumberWithNothingBooked_IsAPersonTalking()
    {
        await EnrolledAsync();

        var reply = await _services.Get<InboundSms>().HandleAsync("+13125550100", "+13125550142", "C", "SM-c-2", CancellationToken.None);

        Assert.Null(reply);
        using var db = _services.Db();
        Assert.Equal(HandOffReason.SmsReply, db.HandOffs.Single().Reason);
    }

    [Fact]
    public async Task EventsFile_AppointmentLines_AreAppliedAndBadOnesKeptWithTheirReason()
    {
        await EnrolledAsync();
        var file = _services.Folder.Write("events.ndjson", string.Join("\n",
            """{"id":"e1","type":"booked","booking_id":"appt-9","at":"2026-11-23T16:00:00Z","start":"2026-12-04T16:00:00Z","lead_id":"web-1"}""",
            """{"id":"e2","type":"rescheduled","booking_id":"appt-9","at":"2026-11-24T16:00:00Z","start":"2026-12-07T16:00:00Z","lead_id":"web-1"}""",
            """{"id":"e3","type":"no-show","booking_id":"appt-9","at":"2026-12-07T16:30:00Z","lead_id":"web-1"}""",
            """{"id":"e4","type":"cancelled","at":"2026-11-24T16:00:00Z","lead_id":"web-1"}""",
            """{"id":"e5","type":"booked","booking_id":"appt-10","at":"2026-11-24T16:00:00Z","start":"2026-12-09T16:00:00Z","location_id":"nowhere","lead_id":"web-1"}"""));

        var report = await _services.Get<EventImporter>().ImportFileAsync(file);

        Assert.Equal(new Dictionary<string, int> { ["booked"] = 1, ["rescheduled"] = 1, ["no-show"] = 1 }, report.Applied);
        Assert.Equal(
            [(4, "booking_id is missing: a cancelled line names the appointment it changes"), (5, "booking appt-10: location_id 'nowhere' is not a location in locations/")],
            report.Rejected);
        using var db = _services.Db();
        var appointment = db.Appointments.Single();
        Assert.Equal((AppointmentStatus.NoShow, new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero)), (appointment.Status, appointment.Start));
        Assert.Equal(1, db.Enrollments.Count(e => e.SequenceId == "missed-visit" && e.Status == EnrollmentStatus.Active));
        Assert.Equal(2, db.RejectedEvents.Count());
    }

    [Fact]
    public async Task EventsFile_AnOlderReportNeverUndoesALaterOne_AStartWithoutItsZoneIsRefused_AndBookingAgainEndsTheRebooking()
    {
        await EnrolledAsync();
        var file = _services.Folder.Write("events.ndjson", string.Join("\n",
            """{"id":"e1","type":"booked","booking_id":"appt-20","at":"2026-11-23T16:00:00Z","start":"2026-12-04T16:00:00Z","lead_id":"web-1"}""",
            """{"id":"e2","type":"cancelled","booking_id":"appt-20","at":"2026-11-25T16:00:00Z","lead_id":"web-1"}""",
            """{"id":"e1","type":"booked","booking_id":"appt-20","at":"2026-11-23T16:00:00Z","start":"2026-12-04T16:00:00Z","lead_id":"web-1"}""",
            """{"id":"e3","type":"booked","booking_id":"appt-21","at":"2026-11-26T16:00:00Z","start":"2026-12-09T16:00:00","lead_id":"web-1"}"""));

        var report = await _services.Get<EventImporter>().ImportFileAsync(file);

        Assert.Equal(new Dictionary<string, int> { ["booked"] = 1, ["cancelled"] = 1 }, report.Applied);
        Assert.Equal(1, report.Duplicates); // the replayed booking: older than the cancellation, it changes nothing
        Assert.Equal([(4, "booking appt-21: start must be an ISO 8601 timestamp with a time zone")], report.Rejected);
        using (var db = _services.Db())
        {
            Assert.Equal(AppointmentStatus.Cancelled, db.Appointments.Single().Status);
            Assert.Equal(EnrollmentStatus.Active, db.Enrollments.Single(e => e.SequenceId == "rebook").Status);
        }

        // Booked again under the same id, later: the re-booking journey has done its work, and the reminders start again.
        var again = _services.Folder.Write("again.ndjson",
            """{"id":"e4","type":"booked","booking_id":"appt-20","at":"2026-11-27T16:00:00Z","start":"2026-12-08T16:00:00Z","lead_id":"web-1"}""");
        Assert.Equal(new Dictionary<string, int> { ["booked"] = 1 }, (await _services.Get<EventImporter>().ImportFileAsync(again)).Applied);
        using var after = _services.Db();
        Assert.Equal(EnrollmentStatus.Booked, after.Enrollments.Single(e => e.SequenceId == "rebook").Status);
        Assert.Equal(1, after.Enrollments.Count(e => e.SequenceId == "consult-reminders" && e.Status == EnrollmentStatus.Active));
    }

    private async Task<(long Contact, string Location)> EnrolledAsync()
    {
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write("leads.ndjson", Some.NdjsonLine("web-1", extra: Consent)));
        await _services.Get<Enroller>().EnrollPendingAsync();
        using var db = _services.Db();
        var enrollment = db.Enrollments.Single();
        return (enrollment.ContactId, enrollment.LocationId);
    }

    private Task<string> BookAsync(long contact, string booking, DateTimeOffset start, string location) =>
        _services.Get<AppointmentBook>().ApplyAsync(new AppointmentNews(contact, booking, AppointmentStatus.Booked, start, location, null, null, _services.Clock.GetUtcNow(), "test"));

    /// <summary>Sends what is due, then moves the clock to the next due touch, until <paramref name="end"/>.</summary>
    private async Task RunUntilAsync(DateTimeOffset end)
    {
        var cycle = _services.Get<NurtureCycle>();
        for (var guard = 0; guard < 500; guard++)
        {
            await cycle.SendDueAsync();
            if (await cycle.NextDueAsync() is not { } next || next > end)
            {
                return;
            }

            _services.Clock.SetUtcNow(next > _services.Clock.GetUtcNow() ? next : _services.Clock.GetUtcNow().AddSeconds(1));
        }
    }

    private List<Touch> Journey(string sequence)
    {
        using var db = _services.Db();
        return db.Touches.AsNoTracking().Join(db.Enrollments.Where(e => e.SequenceId == sequence), t => t.EnrollmentId, e => e.Id, (t, e) => t).ToList();
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute)
    {
        var local = new DateTime(year, month, day, hour, minute, 0);
        return new DateTimeOffset(local, Chicago.GetUtcOffset(local)).ToUniversalTime();
    }

    public void Dispose() => _services.Dispose();
}
