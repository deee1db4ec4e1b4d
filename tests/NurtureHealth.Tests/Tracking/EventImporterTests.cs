using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;

namespace NurtureHealth.Tests.Tracking;

public sealed class EventImporterTests : IDisposable
{
    private readonly NurtureServices _services = new();

    [Fact]
    public async Task ImportFile_BookingAndOptOut_EndEnrollmentsAndBadLinesAreKeptWithTheirReason()
    {
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write("leads.ndjson", string.Join("\n",
            Some.NdjsonLine("web-1", email: "ana@example.com", phone: "(312) 555-0101"),
            Some.NdjsonLine("web-2", email: "bo@example.com", phone: "(312) 555-0102"))));
        await _services.Get<Enroller>().EnrollPendingAsync();
        var file = _services.Folder.Write("events.ndjson", string.Join("\n",
            """{"id":"e1","type":"booked","at":"2026-11-23T16:00:00Z","lead_id":"web-1"}""",
            """{"id":"e2","type":"opted-out","at":"2026-11-23T16:05:00Z","phone":"312-555-0102"}""",
            """{"id":"e1","type":"booked","at":"2026-11-23T16:00:00Z","lead_id":"web-1"}""",
            """{"id":"e3","type":"teleported","at":"2026-11-23T16:00:00Z","lead_id":"web-1"}""",
            """{"id":"e4","type":"booked","at":"2026-11-23T16:00:00Z","email":"nobody@example.com"}""",
            """{"id":"e5","type":"booked","at":"yesterday","lead_id":"web-1"}""",
            """{"id":"e6","type":"booked","at":"2026-11-23T16:00:00Z"}""",
            """{"id":"e7","type":"opted-out","channel":"fax","at":"2026-11-23T16:00:00Z","lead_id":"web-1"}""",
            "{broken"));

        var report = await _services.Get<EventImporter>().ImportFileAsync(file);

        Assert.Equal(new Dictionary<string, int> { ["booked"] = 1, ["opted-out"] = 1 }, report.Applied);
        Assert.Equal(1, report.Duplicates);
        Assert.Equal(
            [
                (4, "type must be one of booked, opted-out, opted-in, opened, clicked, replied, rescheduled, cancelled, no-show, attended"),
                (5, "no contact matches the lead_id, email or phone given"),
                (6, "at must be an ISO 8601 timestamp with a time zone"),
                (7, "name the person with lead_id, email or phone"),
                (8, "channel must be sms or email (or left out for both)"),
            ],
            report.Rejected.Take(5));
        Assert.StartsWith("not a JSON object", report.Rejected[5].Reason);
        using var db = _services.Db();
        var ended = db.Enrollments.AsNoTracking().Join(db.Leads, e => e.LeadId, l => l.Id, (e, l) => new { l.ExternalId, e.Status }).ToDictionary(x => x.ExternalId, x => x.Status);
        Assert.Equal(EnrollmentStatus.Booked, ended["web-1"]);
        Assert.Equal(EnrollmentStatus.OptedOut, ended["web-2"]);
        Assert.NotNull(db.Contacts.Single(c => c.Email == "bo@example.com").SmsOptedOutAt);
        Assert.Equal(6, db.RejectedEvents.Count());
        Assert.Equal(7, db.RejectedEvents.Single(r => r.Reason.StartsWith("name the person")).Line);
    }

    [Fact]
    public async Task Record_ClickOrOpen_ResetsTheDisengagementCount()
    {
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write("leads.ndjson", Some.NdjsonLine("web-1")));
        await _services.Get<Enroller>().EnrollPendingAsync();
        using var db = _services.Db();
        var enrollment = db.Enrollments.Single();
        enrollment.UnengagedTouches = 3;
        db.SaveChanges();

        await _services.Get<EventRecorder>().RecordAsync(new NewContactEvent(enrollment.ContactId, ContactEventType.Clicked, Channel.Email, Some.Now, "test", "c1"));

        var after = db.Enrollments.AsNoTracking().Single();
        Assert.Equal((0, Some.Now), (after.UnengagedTouches, after.LastEngagedAt!.Value));
    }

    [Fact]
    public async Task Record_BookingWithoutATouch_IsCreditedToTheLastClickAndEndsAPausedEnrollment()
    {
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write("leads.ndjson", Some.NdjsonLine("web-1")));
        await _services.Get<Enroller>().EnrollPendingAsync();
        using var db = _services.Db();
        var enrollment = db.Enrollments.Single();
        var touch = db.Touches.First();
        enrollment.Status = EnrollmentStatus.Paused; // the patient wrote back; staff have it
        db.SaveChanges();
        var recorder = _services.Get<EventRecorder>();
        await recorder.RecordAsync(new NewContactEvent(enrollment.ContactId, ContactEventType.Clicked, Channel.Email, Some.Now.AddHours(-2), "test", "c1", touch.Id));
        await recorder.RecordAsync(new NewContactEvent(enrollment.ContactId, ContactEventType.Opened, Channel.Email, Some.Now.AddHours(-1), "test", "o1"));

        await recorder.RecordAsync(new NewContactEvent(enrollment.ContactId, ContactEventType.Booked, null, Some.Now, "scheduler", "appt-1"));

        Assert.Equal(touch.Id, db.ContactEvents.Single(e => e.Type == ContactEventType.Booked).TouchId);
        Assert.Equal(EnrollmentStatus.Booked, db.Enrollments.AsNoTracking().Single().Status);
        Assert.Equal(0, db.Touches.Count(t => t.Status == TouchStatus.Scheduled));
    }

    public void Dispose() => _services.Dispose();
}
