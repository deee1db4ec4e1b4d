using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Cycle;
using NurtureHealth.HandOffs;
using NurtureHealth.Leads;
using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;

namespace NurtureHealth.Tests.Messaging;

/// <summary>What a patient texts back, read the way the FCC asks ("by any reasonable means"), and each message handled once.</summary>
public sealed class RepliesTests : IDisposable
{
    private const string Phone = "+13125550101";
    private readonly NurtureServices _services = new(configure: s =>
    {
        s.AddSingleton<FileOutbox>();
        s.AddSingleton<RecordingSender>();
        s.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<RecordingSender>());
        s.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<RecordingSender>());
    });

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop.")]
    [InlineData("STOP!")]
    [InlineData("Stop please")]
    [InlineData("  stop 🙏 ")]
    [InlineData("opt out")]
    [InlineData("OPT-OUT")]
    [InlineData("OptOut")]
    [InlineData("unsubscribe")]
    [InlineData("Cancel")]
    [InlineData("quit")]
    [InlineData("please stop texting me")]
    [InlineData("Please STOP texting me!!")]
    [InlineData("stop stop stop")]
    [InlineData("Don't text me")]
    [InlineData("remove me from your list")]
    public void Classify_EnglishRevocations_AreStop(string body) => Assert.Equal(new ReplyIntent(ReplyKind.Stop, "en"), ReplyClassifier.Classify(body));

    [Theory]
    [InlineData("ALTO")]
    [InlineData("alto por favor")]
    [InlineData("Parar")]
    [InlineData("CANCELAR")]
    [InlineData("baja")]
    [InlineData("No me envíen más")]
    [InlineData("no me envien mas mensajes")]
    [InlineData("Quiero darme de baja.")]
    public void Classify_SpanishRevocations_AreStopInSpanish(string body) => Assert.Equal(new ReplyIntent(ReplyKind.Stop, "es"), ReplyClassifier.Classify(body));

    [Theory]
    [InlineData("START", ReplyKind.Start)]
    [InlineData("yes!", ReplyKind.Start)]
    [InlineData("Unstop", ReplyKind.Start)]
    [InlineData("help", ReplyKind.Help)]
    [InlineData("INFO?", ReplyKind.Help)]
    [InlineData("ayuda", ReplyKind.Help)]
    [InlineData("Can you stop texting me at night?", ReplyKind.MaybeStop)]
    [InlineData("I don't want to stop, just change my time", ReplyKind.MaybeStop)]
    [InlineData("I need to cancel my appointment", ReplyKind.MaybeStop)]
    [InlineData("Do you take Medicaid?", ReplyKind.Other)]
    [InlineData("", ReplyKind.Other)]
    public void Classify_OtherReplies(string body, ReplyKind kind) => Assert.Equal(kind, ReplyClassifier.Classify(body).Kind);

    [Fact]
    public async Task Reply_StopWithPunctuation_SuppressesTheNumberSoALaterLeadWithItIsNeverTexted()
    {
        Import(Lead("a", "ana@example.com"));
        await _services.Get<Enroller>().EnrollPendingAsync();

        var reply = await _services.Get<InboundSms>().HandleAsync(Phone, "+13125550142", "stop.", "SM" + new string('1', 32), CancellationToken.None);

        Assert.Equal("Lakeshore Health: you are unsubscribed and will get no more texts. Reply START to resubscribe.", reply);
        Import(Lead("b", "ana.other@example.com", source: "ad-click")); // a new lead, same phone
        await _services.Get<Enroller>().EnrollPendingAsync();
        _services.Clock.Advance(TimeSpan.FromDays(30));
        for (var i = 0; i < 10; i++)
        {
            await _services.Get<NurtureCycle>().SendDueAsync();
            _services.Clock.Advance(TimeSpan.FromDays(1));
        }

        using var db = _services.Db();
        Assert.Equal(1, db.Suppressions.Count(s => s.Channel == Channel.Sms && s.Address == Phone));
        Assert.Equal(0, db.Touches.Count(t => t.Channel == Channel.Sms && t.Status == TouchStatus.Sent));
        Assert.Equal("stop", db.InboundMessages.Single().Kind);
    }

    [Fact]
    public async Task Reply_SpanishStop_IsConfirmedInSpanish()
    {
        Import(Lead("a", "ana@example.com"));

        var reply = await _services.Get<InboundSms>().HandleAsync(Phone, "+13125550142", "ALTO", "SM" + new string('2', 32), CancellationToken.None);

        Assert.Equal("Lakeshore Health: se ha dado de baja y no recibirá más mensajes de texto. Responda START para volver a suscribirse.", reply);
    }

    [Fact]
    public async Task Reply_SameMessageSidTwice_IsHandledOnceAndTheStaffAreToldOnce()
    {
        Import(Lead("a", "ana@example.com"));
        await _services.Get<Enroller>().EnrollPendingAsync();
        var inbound = _services.Get<InboundSms>();
        var sid = "SM" + new string('3', 32);

        await inbound.HandleAsync(Phone, "+13125550142", "Do you take Medicaid?", sid, CancellationToken.None);
        var again = await inbound.HandleAsync(Phone, "+13125550142", "Do you take Medicaid?", sid, CancellationToken.None);
        var told = await _services.Get<StaffNotifier>().NotifyWaitingAsync(); // what the worker's dispatch run does, woken by the reply

        Assert.Null(again);
        Assert.Equal(1, told);
        using var db = _services.Db();
        Assert.Equal(1, db.ContactEvents.Count(e => e.Type == ContactEventType.Replied));
        Assert.Single(Directory.GetFiles(Path.Combine(_services.Folder.File("outbox"), "email"), "staff-*.eml"));
        Assert.Equal(1, db.InboundMessages.Count());
        var handOff = Assert.Single(db.HandOffs);
        Assert.Equal((HandOffReason.SmsReply, "chicago-lincoln-park", "Do you take Medicaid?", "sent"), (handOff.Reason, handOff.LocationId, handOff.Message, handOff.NotifyOutcome));
        Assert.Equal(db.Enrollments.Single().Id, handOff.EnrollmentId);
    }

    [Fact]
    public async Task Reply_MightBeAStopButIsNotClearlyOne_GoesToTheStaffWithAWarningAndPausesTheMessages()
    {
        Import(Lead("a", "ana@example.com"));
        await _services.Get<Enroller>().EnrollPendingAsync();

        var reply = await _services.Get<InboundSms>().HandleAsync(Phone, "+13125550142", "can you stop texting me at night", "SM" + new string('4', 32), CancellationToken.None);
        await _services.Get<StaffNotifier>().NotifyWaitingAsync();

        Assert.Null(reply);
        using var db = _services.Db();
        Assert.Equal(0, db.Suppressions.Count()); // not decided by a machine
        Assert.Equal(EnrollmentStatus.Paused, db.Enrollments.Single().Status);
        var staff = await MimeKit.MimeMessage.LoadAsync(Directory.GetFiles(Path.Combine(_services.Folder.File("outbox"), "email"), "staff-*.eml").Single());
        Assert.StartsWith("A patient may be asking to stop texts", staff.Subject);
        Assert.Contains("THEY MAY BE ASKING US TO STOP TEXTING THEM", staff.TextBody);
        Assert.Equal("maybe-stop", db.InboundMessages.Single().Kind);
    }

    [Fact]
    public async Task Reply_FromANumberThatIsNoContact_IsStillHandedToTheTextedLocationsStaffAndKept()
    {
        var reply = await _services.Get<InboundSms>().HandleAsync("+13125550999", "+13125550142", "Are you open Saturday?", "SM" + new string('6', 32), CancellationToken.None);
        var told = await _services.Get<StaffNotifier>().NotifyWaitingAsync();

        Assert.Null(reply);
        Assert.Equal(1, told);
        using var db = _services.Db();
        var handOff = Assert.Single(db.HandOffs);
        Assert.Equal((null, null, "chicago-lincoln-park", "+13125550999", "sent"), (handOff.ContactId, handOff.EnrollmentId, handOff.LocationId, handOff.Phone, handOff.NotifyOutcome));
        var staff = await MimeKit.MimeMessage.LoadAsync(Directory.GetFiles(Path.Combine(_services.Folder.File("outbox"), "email"), "staff-*.eml").Single());
        Assert.Contains("First name: (not known: the number is not a contact)", staff.TextBody, StringComparison.Ordinal);
        Assert.Contains("Their message: Are you open Saturday?", staff.TextBody, StringComparison.Ordinal);
        Assert.Null(staff.Headers["X-Nurture-Touch"]); // a staff note is no touch
    }

    [Fact]
    public async Task Unsubscribe_EmailOnlyPatient_EndsTheEnrollmentAsOptedOutNotCompleted()
    {
        Import(Lead("a", "ana@example.com", phone: false));
        await _services.Get<Enroller>().EnrollPendingAsync();
        await _services.Get<NurtureCycle>().SendDueAsync();
        long touchId;
        using (var db = _services.Db())
        {
            touchId = db.Touches.Single(t => t.Status == TouchStatus.Sent).Id;
        }

        await _services.Get<Subscriptions>().UnsubscribeEmailAsync(touchId, "unsubscribe-link");
        await _services.Get<StepPlanner>().PlanPendingAsync(); // the next cycle plans what follows: nothing reaches them

        using var after = _services.Db();
        var enrollment = after.Enrollments.Single();
        Assert.Equal(EnrollmentStatus.OptedOut, enrollment.Status);
        Assert.Equal("opted out of email; no step left that reaches them", enrollment.EndReason);
    }

    [Fact]
    public void BookingLink_UtmTags_AreTheSameForEveryPatientAndNameNoSequenceStepOrServiceLine()
    {
        var touch = new Touch { Channel = Channel.Email, Stage = "decision", StepId = "eczema-treatments", LocationId = "x" };

        var url = LinkEndpoints.BookingUrl(new Uri("https://book.example.org/lincoln-park?ref=site"), touch, new LinksOptions());

        Assert.Equal("https://book.example.org/lincoln-park?ref=site&utm_source=nurturehealth&utm_medium=email&utm_campaign=nurture&utm_content=decision", url);
        Assert.Equal("https://book.example.org/lincoln-park", LinkEndpoints.BookingUrl(new Uri("https://book.example.org/lincoln-park"), touch,
            new LinksOptions { UtmSource = "", UtmCampaign = "" }));
    }

    [Fact]
    public void BookingPage_HasTheProviderChosen_WhenTheLocationHasSuchAPageAndTheProviderIsItsOwn()
    {
        var location = Some.ShippedGroup.Find("chicago-lincoln-park")!;

        Assert.Equal("https://book.example.org/lincoln-park?provider=ana-ruiz", location.BookingPageFor("ana-ruiz").AbsoluteUri);
        Assert.Equal(location.BookingUrl, location.BookingPageFor(null));
        Assert.Equal(location.BookingUrl, location.BookingPageFor("miguel-santos")); // a provider of another location
        Assert.Equal(Some.ShippedGroup.Find("chicago-pilsen")!.BookingUrl, Some.ShippedGroup.Find("chicago-pilsen")!.BookingPageFor("ana-ruiz")); // no such page there
    }

    private void Import(params string[] lines) =>
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write($"leads-{Guid.NewGuid():N}.ndjson", string.Join("\n", lines)));

    private static string Lead(string id, string email, string source = "guide-download", bool phone = true) =>
        $$$"""{"id":"{{{id}}}","submitted_at":"2026-11-20T15:04:05Z","source":"{{{source}}}","service_line":"dermatology","first_name":"Ana","email":"{{{email}}}","phone":{{{(phone ? "\"(312) 555-0101\"" : "null")}}},"postal_code":"60614","language":"en","consent":{"email":true,"sms":{{{(phone ? "true" : "false")}}},"sms_text":"I agree. Reply STOP to opt out.","at":"2026-11-20T15:04:05Z"}}""";

    public void Dispose() => _services.Dispose();
}
