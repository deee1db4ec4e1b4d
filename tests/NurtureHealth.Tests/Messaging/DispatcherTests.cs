using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NurtureHealth.Cycle;
using NurtureHealth.Leads;
using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Scheduling;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;

namespace NurtureHealth.Tests.Messaging;

public sealed class DispatcherTests : IDisposable
{
    private readonly NurtureServices _services = new(configure: s =>
    {
        s.AddSingleton<FileOutbox>();
        s.AddSingleton<RecordingSender>();
        s.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<RecordingSender>());
        s.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<RecordingSender>());
    });

    private RecordingSender Sender => _services.Get<RecordingSender>();

    [Fact]
    public async Task Enroll_NewLeads_PlansTheFirstTouchInsideTheLocationsWindow()
    {
        Import(Lead("a", "ana@example.com", "(312) 555-0101", "60614", "guide-download"));

        var report = await _services.Get<Enroller>().EnrollPendingAsync();

        Assert.Equal(1, report.Enrolled);
        using var db = _services.Db();
        var enrollment = db.Enrollments.Single();
        Assert.Equal(("skin-guide", "chicago-lincoln-park", EnrollmentStatus.Active), (enrollment.SequenceId, enrollment.LocationId, enrollment.Status));
        var touch = db.Touches.Single();
        Assert.Equal(("guide", Channel.Email, TouchStatus.Scheduled), (touch.StepId, touch.Channel, touch.Status));
        Assert.Equal(Some.Now, touch.DueAt); // 09:00 Chicago on a Monday: inside the 09:00-20:00 email window
        Assert.Equal("enrolled", db.Leads.Single().EnrollmentOutcome);
    }

    [Fact]
    public async Task Enroll_ResubmissionWhileEnrolled_DoesNotRestartTheSequence()
    {
        Import(Lead("a", "ana@example.com", "(312) 555-0101", "60614", "guide-download"));
        await _services.Get<Enroller>().EnrollPendingAsync();
        Import(Lead("b", "ANA@example.com", "", "60614", "web-form"));

        var report = await _services.Get<Enroller>().EnrollPendingAsync();

        Assert.Equal((0, 1), (report.Enrolled, report.AlreadyEnrolled));
        using var db = _services.Db();
        Assert.Single(db.Enrollments);
        Assert.Single(db.Touches);
    }

    [Fact]
    public async Task Enroll_UnplacedLead_IsNotEnrolled()
    {
        Import(Lead("far", "far@example.com", "", "10001", "guide-download"));

        var report = await _services.Get<Enroller>().EnrollPendingAsync();

        Assert.Equal((0, 1), (report.Enrolled, report.NotPlaced));
        using var db = _services.Db();
        Assert.Empty(db.Enrollments);
    }

    [Fact]
    public async Task Dispatch_DueEmail_WritesARealEmlWithUnsubscribeHeadersAndPlansTheNextStep()
    {
        Import(Lead("a", "ana@example.com", "(312) 555-0101", "60614", "guide-download"));
        await _services.Get<Enroller>().EnrollPendingAsync();

        var run = await _services.Get<NurtureCycle>().SendDueAsync();

        Assert.Equal(1, run.SentEmail);
        using var db = _services.Db();
        var sent = db.Touches.Single(t => t.Status == TouchStatus.Sent);
        var message = await MimeMessage.LoadAsync(Path.Combine(_services.Folder.File("outbox"), "email", $"{sent.Id:D8}.eml"));
        Assert.Equal("ana@example.com", message.To.Mailboxes.Single().Address);
        Assert.Equal("chicago-lincoln-park@mail.lakeshorehealth.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("Lakeshore Health — Lincoln Park", message.From.Mailboxes.Single().Name);
        Assert.Equal($"touch-{sent.Id}@mail.lakeshorehealth.example", message.MessageId);
        Assert.Matches(@"^<https://nurture\.test\.example/u/[A-Za-z0-9_-]+>$", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("2400 N Lincoln Ave, Chicago, IL 60614", message.HtmlBody);
        Assert.Contains("Unsubscribe", message.HtmlBody);
        Assert.Contains("2400 N Lincoln Ave", message.TextBody);
        Assert.DoesNotContain("ana@example.com", message.Headers["List-Unsubscribe"]);
        Assert.Equal("templates/skin-guide/guide.en.md", sent.TemplatePath!.Replace('\\', '/')[^"templates/skin-guide/guide.en.md".Length..]);
        Assert.Equal(64, sent.TemplateHash!.Length);
        var next = db.Touches.Single(t => t.Status == TouchStatus.Scheduled);
        Assert.Equal(("check-in", Channel.Sms), (next.StepId, next.Channel));
        Assert.True(next.DueAt >= Some.Now.AddDays(2));
    }

    [Fact]
    public async Task Dispatch_FirstSms_NamesTheBrandSaysStopAndRecordsSegments()
    {
        Import(Lead("ad", "ana@example.com", "(312) 555-0101", "60614", "ad-click"));
        await _services.Get<Enroller>().EnrollPendingAsync();
        _services.Clock.SetUtcNow(Some.Now.AddHours(1)); // SMS window opens at 10:00

        await _services.Get<NurtureCycle>().SendDueAsync();

        var line = File.ReadLines(Path.Combine(_services.Folder.File("outbox"), "sms.ndjson")).Single();
        using var json = System.Text.Json.JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("+13125550101", root.GetProperty("to").GetString());
        Assert.Equal("+13125550142", root.GetProperty("from").GetString());
        Assert.Contains("Lakeshore Health", root.GetProperty("body").GetString());
        Assert.Contains("Reply STOP to opt out", root.GetProperty("body").GetString());
        Assert.Equal("GSM-7", root.GetProperty("encoding").GetString());
        using var db = _services.Db();
        var touch = db.Touches.Single(t => t.Status == TouchStatus.Sent);
        Assert.Equal(("GSM-7", 1, touch.Id), (touch.SmsEncoding, touch.SmsSegments, root.GetProperty("touch_id").GetInt64()));
    }

    [Fact]
    public async Task Booking_CancelsPendingTouchesAndNothingIsSentAfterIt()
    {
        Import(Lead("a", "ana@example.com", "(312) 555-0101", "60614", "guide-download"));
        await _services.Get<Enroller>().EnrollPendingAsync();
        await _services.Get<NurtureCycle>().SendDueAsync();
        long contactId;
        using (var db = _services.Db())
        {
            contactId = db.Contacts.Single().Id;
        }

        await _services.Get<EventRecorder>().RecordAsync(new NewContactEvent(contactId, ContactEventType.Booked, null, Some.Now.AddHours(2), "test", "b1"));
        _services.Clock.Advance(TimeSpan.FromDays(30));
        var run = await _services.Get<NurtureCycle>().SendDueAsync();

        Assert.Equal(0, run.Sent);
        using var after = _services.Db();
        Assert.Equal(EnrollmentStatus.Booked, after.Enrollments.Single().Status);
        Assert.Equal([TouchStatus.Sent, TouchStatus.Cancelled], after.Touches.Select(t => t.Status).AsEnumerable().OrderBy(s => s).ToList());
        Assert.Equal("cancelled: booked (test)", after.Touches.Single(t => t.Status == TouchStatus.Cancelled).Outcome);
        Assert.Single(Sender.Sends);
    }

    [Fact]
    public async Task OptOut_EndsEveryEnrollmentOfThePerson()
    {
        Import(Lead("a", "ana@example.com", "(312) 555-0101", "60614", "guide-download"), Lead("b", "ana@example.com", "", "60614", "ad-click", "dental-implants"));
        await _services.Get<Enroller>().EnrollPendingAsync();
        using var db = _services.Db();
        var contactId = db.Contacts.Single().Id;

        await _services.Get<EventRecorder>().RecordAsync(new NewContactEvent(contactId, ContactEventType.OptedOut, null, Some.Now, "test", "o1"));

        Assert.All(db.Enrollments.AsNoTracking().ToList(), e => Assert.Equal(EnrollmentStatus.OptedOut, e.Status));
        Assert.All(db.Touches.AsNoTracking().ToList(), t => Assert.Equal(TouchStatus.Cancelled, t.Status));
    }

    [Fact]
    public async Task Dispatch_ThreeWeeksOfTwoSequences_RespectsWindowsAndCaps()
    {
        Import(Lead("a", "ana@example.com", "(312) 555-0101", "60614", "guide-download"), Lead("b", "ana@example.com", "(312) 555-0101", "60614", "ad-click", "dental-implants"));
        await _services.Get<Enroller>().EnrollPendingAsync();
        var dispatcher = _services.Get<NurtureCycle>();
        for (var hour = 0; hour < 24 * 28; hour++)
        {
            await dispatcher.SendDueAsync();
            _services.Clock.Advance(TimeSpan.FromHours(1));
        }

        using var db = _services.Db();
        var sent = db.Touches.Where(t => t.Status == TouchStatus.Sent).ToList();
        var group = Some.ShippedGroup;
        var location = group.Find("chicago-lincoln-park")!;
        var windows = _services.Get<SendWindowPolicy>();
        Assert.True(sent.Count >= 5);
        foreach (var touch in sent)
        {
            var channel = touch.Channel!.Value;
            Assert.True(windows.IsOpen(group, location, channel, touch.SentAt!.Value), $"{touch.StepId} sent at {touch.SentAt} outside the window");
            Assert.True(sent.Count(t => t.SentAt >= touch.SentAt && t.SentAt < touch.SentAt!.Value.AddDays(7)) <= 3, "more than 3 messages in a week");
        }

        var smsDays = sent.Where(t => t.Channel == Channel.Sms).GroupBy(t => TimeZoneInfo.ConvertTime(t.SentAt!.Value, location.TimeZone).Date);
        Assert.All(smsDays, d => Assert.Single(d));
    }

    [Fact]
    public async Task Dispatch_AfterAHotReloadMovedTheSentStep_ContinuesAfterItByIdAndNeverRepeatsIt()
    {
        using var templates = new TempFolder();
        templates.CopyFrom(TestPaths.Templates);

        using var services = new NurtureServices(new Dictionary<string, string?> { ["Nurture:Templates:Path"] = templates.Path }, s =>
        {
            s.AddSingleton<RecordingSender>();
            s.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<RecordingSender>());
            s.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<RecordingSender>());
        });
        services.Get<LeadImporter>().ImportFile(services.Folder.Write("leads.ndjson", Lead("a", "ana@example.com", "(312) 555-0101", "60614", "guide-download")));
        await services.Get<Enroller>().EnrollPendingAsync();

        // While the first email waits, a manager moves 'what-to-expect' to the front: 'guide' is now the second step.
        var sequence = templates.File("skin-guide/sequence.yaml");
        var text = File.ReadAllText(sequence);
        var moved = text[text.IndexOf("  - id: what-to-expect", StringComparison.Ordinal)..text.IndexOf("  - id: meet-provider", StringComparison.Ordinal)];
        text = text.Replace(moved, "", StringComparison.Ordinal).Replace("steps:\n", "steps:\n" + moved, StringComparison.Ordinal);
        File.WriteAllText(sequence, text);
        var check = NurtureHealth.Checks.ContentCheck.Run(TestPaths.Locations, templates.Path);
        Assert.False(check.HasErrors, string.Join("\n", check.Findings));
        services.Get<SequenceContent>().Replace(check.Templates!, check.Sequences!, []);

        await services.Get<NurtureCycle>().SendDueAsync();

        using var db = services.Db();
        Assert.Equal("guide", db.Touches.Single(t => t.Status == TouchStatus.Sent).StepId);
        Assert.Equal("check-in", db.Touches.Single(t => t.Status == TouchStatus.Scheduled).StepId);
    }

    [Fact]
    public async Task Dispatch_ChooseOnAClick_PatientWhoClickedGetsTheSpotlightAndTheOtherTheStory()
    {
        using var templates = new TempFolder();
        templates.CopyFrom(TestPaths.Templates);

        templates.Write("skin-guide/patient-story.en.md", "---\nsubject: A story from {{ location.short_name }}\n---\nHi {{ patient.first_name }}, meet Dana.\n");
        var sequence = templates.File("skin-guide/sequence.yaml");
        var text = File.ReadAllText(sequence);
        File.WriteAllText(sequence, text[..text.IndexOf("steps:", StringComparison.Ordinal)] + """
            steps:
              - id: guide
                stage: awareness
                channel: email
                delay: 0
              - id: what-to-expect
                stage: consideration
                channel: email
                delay: 1d
              - id: follow-up
                stage: consideration
                channel: email
                delay: 1d
                choose:
                  - when: clicked what-to-expect
                    template: meet-provider
                  - template: patient-story
              - id: last-word
                stage: decision
                channel: email
                delay: 1d
                when: not engaged
                choose:
                  - template: book

            """);
        using var services = new NurtureServices(new Dictionary<string, string?> { ["Nurture:Templates:Path"] = templates.Path }, s =>
        {
            s.AddSingleton<RecordingSender>();
            s.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<RecordingSender>());
            s.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<RecordingSender>());
        });
        services.Get<LeadImporter>().ImportFile(services.Folder.Write("leads.ndjson", string.Join("\n",
            Lead("clicker", "ana@example.com", "", "60614", "guide-download"), Lead("quiet", "bea@example.com", "", "60614", "guide-download"))));
        await services.Get<Enroller>().EnrollPendingAsync();
        var dispatcher = services.Get<NurtureCycle>();
        await dispatcher.SendDueAsync();
        services.Clock.Advance(TimeSpan.FromDays(1));
        await dispatcher.SendDueAsync();
        using (var db = services.Db())
        {
            var clicked = db.Touches.Single(t => t.StepId == "what-to-expect" && t.Status == TouchStatus.Sent && db.Contacts.Any(c => c.Id == t.ContactId && c.Email == "ana@example.com"));
            await services.Get<EventRecorder>().RecordAsync(new NewContactEvent(clicked.ContactId, ContactEventType.Clicked, Channel.Email, services.Clock.GetUtcNow(), "test", "click-1", clicked.Id));
        }

        services.Clock.Advance(TimeSpan.FromDays(1));
        await dispatcher.SendDueAsync();
        services.Clock.Advance(TimeSpan.FromDays(7)); // the weekly cap holds the fourth email back
        await dispatcher.SendDueAsync();

        using var check = services.Db();
        var followUps = check.Touches.Where(t => t.StepId == "follow-up").Join(check.Contacts, t => t.ContactId, c => c.Id, (t, c) => new { c.Email, t.Status, t.TemplatePath }).ToList();
        Assert.EndsWith("meet-provider.en.md", followUps.Single(f => f.Email == "ana@example.com").TemplatePath);
        Assert.EndsWith("patient-story.en.md", followUps.Single(f => f.Email == "bea@example.com").TemplatePath);
        var lastWords = check.Touches.Where(t => t.StepId == "last-word").Join(check.Contacts, t => t.ContactId, c => c.Id, (t, c) => new { c.Email, t.Status, t.Outcome, t.TemplatePath }).ToList();
        Assert.Equal((TouchStatus.Skipped, "skipped: when 'not engaged' does not hold"), lastWords.Where(f => f.Email == "ana@example.com").Select(f => (f.Status, f.Outcome)).Single());
        Assert.EndsWith("book.en.md", lastWords.Single(f => f.Email == "bea@example.com").TemplatePath);
    }

    [Fact]
    public async Task Dispatch_StepWithVariants_EachPatientGetsTheirVariantsTemplateAndItIsRecorded()
    {
        using var templates = new TempFolder();
        templates.CopyFrom(TestPaths.Templates);

        templates.Write("skin-guide/guide-short.en.md", "---\nsubject: Your guide, {{ patient.first_name }}\n---\nHi {{ patient.first_name }}, the short version from {{ location.short_name }}.\n");
        var sequence = templates.File("skin-guide/sequence.yaml");
        var text = File.ReadAllText(sequence);
        File.WriteAllText(sequence, text.Replace("""
              - id: guide
                stage: awareness
                channel: email
                delay: 0

            """, """
              - id: guide
                stage: awareness
                channel: email
                delay: 0
                variants:
                  - id: long
                    weight: 50
                  - id: short
                    weight: 50
                    template: guide-short

            """, StringComparison.Ordinal));
        using var services = new NurtureServices(new Dictionary<string, string?> { ["Nurture:Templates:Path"] = templates.Path });
        services.Get<LeadImporter>().ImportFile(services.Folder.Write("leads.ndjson", string.Join("\n",
            Enumerable.Range(1, 12).Select(i => Lead($"v{i}", $"p{i}@example.com", "", "60614", "guide-download")))));
        await services.Get<Enroller>().EnrollPendingAsync();

        await services.Get<NurtureCycle>().SendDueAsync();

        using var db = services.Db();
        var sent = db.Touches.Where(t => t.StepId == "guide" && t.Status == TouchStatus.Sent).ToList();
        Assert.Equal(12, sent.Count);
        Assert.All(sent, t => Assert.Equal(VariantPicker.Pick(t.ContactId, "skin-guide", "guide", services.Get<SequenceContent>().Sequences.Find("skin-guide")!.Steps[0].Variants)!.Id, t.Variant));
        Assert.All(sent, t => Assert.EndsWith(t.Variant == "short" ? "guide-short.en.md" : "skin-guide/guide.en.md", t.TemplatePath!.Replace('\\', '/')));
        Assert.Contains(sent, t => t.Variant == "short");
        Assert.Contains(sent, t => t.Variant == "long");
    }

    [Fact]
    public async Task Dispatch_WaitUntilClicked_ClickerGoesOnAtOnceAndTheOtherAtTheTimeoutPath()
    {
        using var templates = new TempFolder();
        templates.CopyFrom(TestPaths.Templates);

        var sequence = templates.File("skin-guide/sequence.yaml");
        var text = File.ReadAllText(sequence);
        File.WriteAllText(sequence, text[..text.IndexOf("steps:", StringComparison.Ordinal)] + """
            steps:
              - id: guide
                stage: awareness
                channel: email
                delay: 0
              - id: wait-for-click
                wait_until: clicked guide
                timeout: 3d
                on_timeout: patient-story
              - id: meet-provider
                stage: consideration
                channel: email
                delay: 0
              - id: patient-story
                stage: consideration
                channel: email
                delay: 0
                when: not clicked guide

            """);
        using var services = new NurtureServices(new Dictionary<string, string?> { ["Nurture:Templates:Path"] = templates.Path });
        services.Get<LeadImporter>().ImportFile(services.Folder.Write("leads.ndjson", string.Join("\n",
            Lead("clicker", "ana@example.com", "", "60614", "guide-download"), Lead("quiet", "bea@example.com", "", "60614", "guide-download"))));
        await services.Get<Enroller>().EnrollPendingAsync();
        var dispatcher = services.Get<NurtureCycle>();
        await dispatcher.SendDueAsync();
        long Contact(string email)
        {
            using var db = services.Db();
            return db.Contacts.Single(c => c.Email == email).Id;
        }

        using (var db = services.Db())
        {
            Assert.Equal(2, db.Touches.Count(t => t.StepId == "wait-for-click" && t.Status == TouchStatus.Scheduled && t.DueAt == Some.Now.AddDays(3)));
        }

        services.Clock.Advance(TimeSpan.FromHours(5));
        var anaId = Contact("ana@example.com");
        var beaId = Contact("bea@example.com");
        var guide = services.Db().Touches.Single(t => t.StepId == "guide" && t.ContactId == anaId);
        await services.Get<EventRecorder>().RecordAsync(new NewContactEvent(guide.ContactId, ContactEventType.Clicked, Channel.Email, services.Clock.GetUtcNow(), "test", "click-1", guide.Id));
        await dispatcher.SendDueAsync(); // the wait ends, and the next step is planned for now
        await dispatcher.SendDueAsync();

        using (var db = services.Db())
        {
            var ana = Contact("ana@example.com");
            Assert.Equal((TouchStatus.Skipped, "waited: clicked guide"), db.Touches.Where(t => t.ContactId == ana && t.StepId == "wait-for-click").Select(t => new { t.Status, t.Outcome }).AsEnumerable().Select(t => (t.Status, t.Outcome)).Single());
            Assert.Equal(TouchStatus.Sent, db.Touches.Single(t => t.ContactId == ana && t.StepId == "meet-provider").Status);
            Assert.Equal(TouchStatus.Scheduled, db.Touches.Single(t => t.ContactId == beaId && t.StepId == "wait-for-click").Status);
        }

        services.Clock.Advance(TimeSpan.FromDays(4)); // past the deadline, and past Thanksgiving (a group holiday)
        await dispatcher.SendDueAsync();
        await dispatcher.SendDueAsync();

        using var check = services.Db();
        var bea = Contact("bea@example.com");
        Assert.Equal("wait timed out after 3 days: no clicked guide", check.Touches.Single(t => t.ContactId == bea && t.StepId == "wait-for-click").Outcome);
        Assert.DoesNotContain(check.Touches, t => t.ContactId == bea && t.StepId == "meet-provider");
        Assert.True(TouchStatus.Sent == check.Touches.Single(t => t.ContactId == bea && t.StepId == "patient-story").Status,
            string.Join("\n", check.Touches.Where(t => t.ContactId == bea).ToList().Select(t => $"{t.StepId} {t.Status} {t.DueAt:u} {t.Outcome} now {services.Clock.GetUtcNow():u}")));
        Assert.Equal(TouchStatus.Skipped, check.Touches.Single(t => t.ContactId == anaId && t.StepId == "patient-story").Status);
    }

    [Fact]
    public async Task Dispatch_SilentLeadWithDisengageTo_MovesToTheReengagementSequenceAndALoopIsRefused()
    {
        using var templates = new TempFolder();
        templates.CopyFrom(TestPaths.Templates);

        var sequence = templates.File("skin-guide/sequence.yaml");
        File.WriteAllText(sequence, File.ReadAllText(sequence).Replace("disengage_after: 4", "disengage_after: 1\ndisengage_to: ad-click-quick", StringComparison.Ordinal));
        using var services = new NurtureServices(new Dictionary<string, string?> { ["Nurture:Templates:Path"] = templates.Path });
        services.Get<LeadImporter>().ImportFile(services.Folder.Write("leads.ndjson", Lead("quiet", "bea@example.com", "", "60614", "guide-download")));
        await services.Get<Enroller>().EnrollPendingAsync();

        await services.Get<NurtureCycle>().SendDueAsync(); // the guide goes out; nothing comes back
        await services.Get<Enroller>().EnrollPendingAsync();

        using (var db = services.Db())
        {
            var first = db.Enrollments.Single(e => e.SequenceId == "skin-guide");
            Assert.Equal(EnrollmentStatus.Disengaged, first.Status);
            Assert.EndsWith("moved to ad-click-quick", first.EndReason, StringComparison.Ordinal);
            var moved = db.Enrollments.Single(e => e.SequenceId == "ad-click-quick");
            Assert.Equal((EnrollmentStatus.Active, first.LocationId, first.LeadId), (moved.Status, moved.LocationId, moved.LeadId));
            Assert.Single(db.Touches, t => t.EnrollmentId == moved.Id && t.Status == TouchStatus.Scheduled);
        }

        var quick = templates.File("ad-click-quick/sequence.yaml");
        File.WriteAllText(quick, File.ReadAllText(quick).Replace("steps:", "disengage_to: skin-guide\nsteps:", StringComparison.Ordinal));
        var check = NurtureHealth.Checks.ContentCheck.Run(TestPaths.Locations, templates.Path);
        Assert.Contains(check.Findings, f => f.Severity == NurtureHealth.Yaml.FindingSeverity.Error
            && f.Message.Contains("disengage_to: ad-click-quick → skin-guide → ad-click-quick goes round in a circle", StringComparison.Ordinal));
    }

    private void Import(params string[] lines) =>
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write($"leads-{Guid.NewGuid():N}.ndjson", string.Join("\n", lines)));

    private static string Lead(string id, string email, string phone, string zip, string source, string line = "dermatology") =>
        $$$"""{"id":"{{{id}}}","submitted_at":"2026-11-20T15:04:05Z","source":"{{{source}}}","service_line":"{{{line}}}","first_name":"Ana","email":{{{(email.Length == 0 ? "null" : $"\"{email}\"")}}},"phone":{{{(phone.Length == 0 ? "null" : $"\"{phone}\"")}}},"postal_code":"{{{zip}}}","language":"en","consent":{"email":true,"sms":{{{(phone.Length > 0 ? "true" : "false")}}},"sms_text":"I agree. Reply STOP to opt out.","at":"2026-11-20T15:04:05Z"}}""";

    public void Dispose() => _services.Dispose();
}
