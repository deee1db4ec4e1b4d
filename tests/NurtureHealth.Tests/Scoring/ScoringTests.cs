using MimeKit;
using NurtureHealth.Cycle;
using NurtureHealth.HandOffs;
using NurtureHealth.Leads;
using NurtureHealth.Scoring;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;

namespace NurtureHealth.Tests.Scoring;

/// <summary>Scores kept current as events arrive, and hot leads handed to the location's staff with only what they need.</summary>
public sealed class ScoringTests
{
    [Fact]
    public void Decay_HalvesEveryHalfLife()
    {
        var at = Some.Now;
        var halfLife = TimeSpan.FromDays(14);

        Assert.Equal(40, LeadScore.Decay(40, at, at, halfLife));
        Assert.Equal(20, LeadScore.Decay(40, at, at.AddDays(14), halfLife), 6);
        Assert.Equal(10, LeadScore.Decay(40, at, at.AddDays(28), halfLife), 6);
        Assert.Equal(40 * Math.Pow(0.5, 0.5), LeadScore.Decay(40, at, at.AddDays(7), halfLife), 6);
        Assert.Equal(40, LeadScore.Decay(40, null, at.AddDays(7), halfLife));
    }

    [Fact]
    public async Task Enroll_WebFormLeadNearItsLocation_GetsItsFitPointsEachWithItsRule()
    {
        using var services = new NurtureServices(new Dictionary<string, string?> { ["Nurture:Scoring:ServiceLines:dermatology"] = "5" });
        await EnrollAsync(services, "web-form");

        using var db = services.Db();
        var changes = db.ScoreChanges.OrderBy(c => c.Id).Select(c => new { c.Rule, c.Points, c.After }).ToList();
        Assert.Equal(["fit: source web-form", "fit: service line dermatology", "fit: within 10 km"], changes.Select(c => c.Rule));
        Assert.Equal([15, 5, 10], changes.Select(c => c.Points));
        Assert.Equal(30, db.Contacts.Single().Score);
    }

    [Fact]
    public async Task Click_CrossingTheScore_HandsOffOnceAndTheStaffAreToldOnlyWhatTheyNeed()
    {
        using var services = new NurtureServices(new Dictionary<string, string?> { ["Nurture:HandOff:AtScore"] = "40" });
        var (contact, touch) = await EnrollAsync(services, "web-form"); // 15 + 10 = 25
        services.Clock.Advance(TimeSpan.FromHours(1));

        await Click(services, contact, touch, "c1"); // 25 + 25 = 50: crosses 40
        await Click(services, contact, touch, "c2");

        using (var db = services.Db())
        {
            var handOff = Assert.Single(db.HandOffs);
            Assert.Equal((HandOffReason.Score, "chicago-lincoln-park"), (handOff.Reason, handOff.LocationId));
            Assert.Equal("score 50 crossed 40 (clicked the booking link)", handOff.Detail);
            Assert.Equal([25, 50, 75], db.ScoreChanges.OrderBy(c => c.Id).Select(c => Math.Round(c.After)).ToList().Skip(1));
            Assert.Equal(EnrollmentStatus.Active, db.Enrollments.Single().Status); // Then: continue (the default)
        }

        Assert.Equal(1, await services.Get<StaffNotifier>().NotifyWaitingAsync());
        var email = await MimeMessage.LoadAsync(Directory.GetFiles(services.Folder.File("outbox/email"), "staff-*.eml").Single());
        Assert.Equal("frontdesk@chicago-lincoln-park.lakeshorehealth.example", email.To.Mailboxes.Single().Address);
        Assert.Equal("Hot lead — please call Ana (Lakeshore Health — Lincoln Park)", email.Subject);
        Assert.Equal("""
            A patient is ready for a call from Lakeshore Health — Lincoln Park.

            First name: Ana
            Call back: (312) 555-0101
            Interested in: Medical dermatology
            Location: Lakeshore Health — Lincoln Park
            Why now: score 50 crossed 40 (clicked the booking link)

            Their messages carry on as planned.

            """, email.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.DoesNotContain("ana@example.com", email.TextBody, StringComparison.Ordinal);
        Assert.Equal(0, await services.Get<StaffNotifier>().NotifyWaitingAsync()); // told once
    }

    [Fact]
    public async Task HotLead_ClickWithoutBookingForADay_IsHandedOffAndPausedButABookerIsNot()
    {
        using var services = new NurtureServices(new Dictionary<string, string?>
        {
            ["Nurture:HandOff:AtScore"] = "",
            ["Nurture:HandOff:Then"] = "pause",
        });
        var (hot, hotTouch) = await EnrollAsync(services, "guide-download", "hot", "ana@example.com", "(312) 555-0101");
        var (booker, bookerTouch) = await EnrollAsync(services, "guide-download", "booker", "bo@example.com", "(312) 555-0102");
        await Click(services, hot, hotTouch, "h1");
        await Click(services, booker, bookerTouch, "b1");
        await services.Get<EventRecorder>().RecordAsync(new NewContactEvent(booker, ContactEventType.Booked, null, services.Clock.GetUtcNow().AddHours(2), "test", "book-1"));
        var handOffs = services.Get<HotLeads>();

        Assert.Equal(services.Clock.GetUtcNow().AddDays(1), await handOffs.NextAtAsync());
        services.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await handOffs.HandOffAsync());
        services.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await handOffs.HandOffAsync());
        Assert.Equal(0, await handOffs.HandOffAsync());

        using var db = services.Db();
        var handOff = Assert.Single(db.HandOffs);
        Assert.Equal((hot, HandOffReason.HotLead, "clicked to book 25 hours ago and has not booked"), (handOff.ContactId, handOff.Reason, handOff.Detail));
        var enrollment = db.Enrollments.Single(e => e.ContactId == hot);
        Assert.Equal(EnrollmentStatus.Paused, enrollment.Status);
        Assert.DoesNotContain(db.Touches, t => t.EnrollmentId == enrollment.Id && t.Status == TouchStatus.Scheduled);
        Assert.Null(await handOffs.NextAtAsync());
    }

    [Fact]
    public async Task HotLead_WithAHandOffSequence_MovesTheLeadToIt()
    {
        using var services = new NurtureServices(new Dictionary<string, string?>
        {
            ["Nurture:HandOff:AtScore"] = "",
            ["Nurture:HandOff:Then"] = "sequence:ad-click-quick",
        });
        var (contact, touch) = await EnrollAsync(services, "guide-download");
        await Click(services, contact, touch, "h1");
        services.Clock.Advance(TimeSpan.FromHours(25));

        Assert.Equal(1, await services.Get<HotLeads>().HandOffAsync());
        await services.Get<StepPlanner>().PlanPendingAsync(); // the next cycle plans the moved enrollment's first step

        using var db = services.Db();
        var first = db.Enrollments.Single(e => e.SequenceId == "skin-guide");
        Assert.Equal(EnrollmentStatus.Completed, first.Status);
        Assert.EndsWith("moved to ad-click-quick", first.EndReason, StringComparison.Ordinal);
        Assert.DoesNotContain(db.Touches, t => t.EnrollmentId == first.Id && t.Status == TouchStatus.Scheduled);
        var moved = db.Enrollments.Single(e => e.SequenceId == "ad-click-quick");
        Assert.Equal((EnrollmentStatus.Active, first.LocationId), (moved.Status, moved.LocationId));
        Assert.Single(db.Touches, t => t.EnrollmentId == moved.Id && t.Status == TouchStatus.Scheduled);
    }

    private static async Task Click(NurtureServices services, long contact, long touch, string id) =>
        Assert.True(await services.Get<EventRecorder>().RecordAsync(
            new NewContactEvent(contact, ContactEventType.Clicked, Channel.Email, services.Clock.GetUtcNow(), "test", id, touch)));

    private static async Task<(long Contact, long Touch)> EnrollAsync(NurtureServices services, string source, string id = "a", string email = "ana@example.com", string phone = "(312) 555-0101")
    {
        services.Get<LeadImporter>().ImportFile(services.Folder.Write($"{id}.ndjson",
            $$$"""{"id":"{{{id}}}","submitted_at":"2026-11-20T15:04:05Z","source":"{{{source}}}","service_line":"dermatology","first_name":"Ana","email":"{{{email}}}","phone":"{{{phone}}}","postal_code":"60614","language":"en","consent":{"email":true,"sms":true,"sms_text":"I agree. Reply STOP to opt out.","at":"2026-11-20T15:04:05Z"}}"""));
        await services.Get<Enroller>().EnrollPendingAsync();
        await services.Get<NurtureCycle>().SendDueAsync();
        using var db = services.Db();
        var touch = db.Touches.Where(t => t.Status == TouchStatus.Sent).OrderByDescending(t => t.Id).First();
        return (touch.ContactId, touch.Id);
    }
}
