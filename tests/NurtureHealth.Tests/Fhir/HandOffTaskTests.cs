using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using NurtureHealth.Fhir;
using NurtureHealth.HandOffs;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;
using Task = System.Threading.Tasks.Task;

namespace NurtureHealth.Tests.Fhir;

public sealed class HandOffTaskTests : IDisposable
{
    private const string PatientPhone = "+13125550177";
    private const string LocationPhone = "+13125550142";
    private readonly WriteBackClinic _clinic = new();

    [Fact]
    public async Task Run_SmsReply_WritesOneTaskOwnedByTheLocationForThePatientWithoutTheReplyText()
    {
        await _clinic.WriteBack.StartAsync();
        _clinic.ImportLead("fhir-sr-sr-20", "Patient/pat-20", null, phone: "(312) 555-0177", source: "ad-click");
        _clinic.Services.Clock.Advance(TimeSpan.FromHours(1)); // the group's SMS window opens at 10:00
        Assert.Equal(1, (await _clinic.SendDueAsync()).SentSms);
        await _clinic.Services.Get<InboundSms>().HandleAsync(PatientPhone, LocationPhone, "Can I come Tuesday? The rash is worse", "SM" + new string('7', 32), CancellationToken.None);

        var run = await _clinic.WriteBack.RunAsync();
        var again = await _clinic.WriteBack.RunAsync();

        Assert.Equal((2, 2), (run.Queued, run.Written)); // the SMS's Communication and the reply's Task
        Assert.Equal((0, 0), (again.Queued, again.Written));
        var (json, task) = Assert.Single(_clinic.Server.Stored<Hl7.Fhir.Model.Task>());
        Assert.Equal((Hl7.Fhir.Model.Task.TaskStatus.Requested, Hl7.Fhir.Model.Task.TaskIntent.Order), (task.Status, task.Intent));
        Assert.Equal("Patient/pat-20", task.For!.Reference);
        Assert.Equal($"Organization/{WriteBackClinic.Organization}", task.Owner!.Reference);
        Assert.Equal($"Location/{WriteBackClinic.LincolnParkFhirId}", task.Location!.Reference);
        Assert.Empty(_clinic.Server.Invalid); // every resource posted is valid R4 (the server validates with Firely's validator)
        Assert.Equal("Patient replied by SMS — please call", task.Description);
        Assert.Equal(HandOffReason.SmsReply, Assert.Single(task.Code!.Coding).Code);
        Assert.All(["Tuesday", "rash", PatientPhone, "Maria"], text => Assert.DoesNotContain(text, json, StringComparison.OrdinalIgnoreCase));

        var (_, sms) = Assert.Single(_clinic.Server.Stored<Communication>());
        Assert.Equal("SMSWRIT", sms.Medium[0].Coding[0].Code);
        using var db = _clinic.Services.Db();
        var sid = db.Touches.Single(t => t.Status == TouchStatus.Sent).ProviderMessageId;
        Assert.Contains(sms.Identifier, i => i.System == "https://www.twilio.com/docs/api/messaging" && i.Value == sid);
    }

    [Fact]
    public async Task Run_ReplyToALocationWithoutFhirId_WritesTheTaskWithoutItsLocationAndWarns()
    {
        using var clinic = new WriteBackClinic(locationHasFhirId: false);
        await clinic.WriteBack.StartAsync();
        clinic.ImportLead("fhir-sr-sr-21", "Patient/pat-21", null, phone: "(312) 555-0177", source: "ad-click");
        clinic.Services.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, (await clinic.SendDueAsync()).SentSms);
        await clinic.Services.Get<InboundSms>().HandleAsync(PatientPhone, LocationPhone, "Call me please", "SM" + new string('8', 32), CancellationToken.None);

        await clinic.WriteBack.RunAsync();

        var (_, task) = Assert.Single(clinic.Server.Stored<Hl7.Fhir.Model.Task>());
        Assert.Null(task.Location);
        Assert.Equal($"Organization/{WriteBackClinic.Organization}", task.Owner!.Reference);
        Assert.Equal("Patient/pat-21", task.For!.Reference);
        Assert.Contains(clinic.Services.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("has no location: location chicago-lincoln-park has no fhir_id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_BookingClickWithNoBookingADayLater_HandsOffOneHotLeadTaskPerEnrollment()
    {
        await _clinic.WriteBack.StartAsync();
        _clinic.ImportLead("fhir-sr-sr-22", "Patient/pat-22", "ana@example.com");
        await _clinic.SendDueAsync();
        var clickedAt = _clinic.Services.Clock.GetUtcNow();
        await ClickAsync();
        var hotLeads = _clinic.Services.Get<HotLeads>();

        _clinic.Services.Clock.Advance(TimeSpan.FromHours(23));
        await hotLeads.HandOffAsync();
        var early = await _clinic.WriteBack.RunAsync();
        _clinic.Services.Clock.Advance(TimeSpan.FromHours(1));
        await hotLeads.HandOffAsync(); // the dispatch run's look for hot leads (Nurture:HandOff:HotLeadAfter, one day)
        var hot = await _clinic.WriteBack.RunAsync();
        await ClickAsync();
        _clinic.Services.Clock.Advance(TimeSpan.FromHours(25));
        await hotLeads.HandOffAsync();
        var later = await _clinic.WriteBack.RunAsync();

        Assert.Equal((1, 0), (early.Queued, early.Skipped)); // the email's Communication only: the click is not a day old yet
        Assert.Equal((1, 1), (hot.Queued, hot.Written));
        // The second click is hot again, and also lifts the score over the hand-off line: the enrollment was handed off once, so nothing more.
        Assert.Equal((0, 0, 0), (later.Queued, later.Skipped, later.Written));
        var (_, task) = Assert.Single(_clinic.Server.Stored<Hl7.Fhir.Model.Task>());
        Assert.Equal("Hot lead: clicked to book but has not booked", task.Description);
        Assert.Equal("Patient/pat-22", task.For!.Reference);
        Assert.Equal(clickedAt + TimeSpan.FromHours(24), new FhirDateTime(task.AuthoredOn).ToDateTimeOffset(TimeSpan.Zero));
        using var db = _clinic.Services.Db();
        var handOff = Assert.Single(db.HandOffs);
        Assert.Equal((HandOffReason.HotLead, handOff.Id), (handOff.Reason, db.FhirWriteBacks.Single(w => w.Kind == WriteBackKind.Task).HandOffId));
    }

    [Fact]
    public async Task Run_BookingClickFollowedByABooking_IsNoHotLead()
    {
        await _clinic.WriteBack.StartAsync();
        _clinic.ImportLead("fhir-sr-sr-23", "Patient/pat-23", "ana@example.com");
        await _clinic.SendDueAsync();
        await ClickAsync();
        _clinic.Services.Clock.Advance(TimeSpan.FromHours(2));
        using (var db = _clinic.Services.Db())
        {
            await _clinic.Services.Get<EventRecorder>().RecordAsync(new NewContactEvent(db.Contacts.Single().Id, ContactEventType.Booked, null,
                _clinic.Services.Clock.GetUtcNow(), "fhir", "Appointment/a-1"));
        }

        _clinic.Services.Clock.Advance(TimeSpan.FromHours(30));
        Assert.Equal(0, await _clinic.Services.Get<HotLeads>().HandOffAsync());
        await _clinic.WriteBack.RunAsync();

        Assert.Empty(_clinic.Server.Stored<Hl7.Fhir.Model.Task>());
        using var check = _clinic.Services.Db();
        Assert.Empty(check.HandOffs);
        Assert.DoesNotContain(check.FhirWriteBacks, w => w.Kind == WriteBackKind.Task);
    }

    [Theory]
    [InlineData("HotLeads", "false")]
    [InlineData("HotLeadAfter", "12:00:00")]
    public void Start_WithTheRetiredWriteBackHotLeadSetting_RefusesAndNamesTheOneSetting(string key, string value)
    {
        using var clinic = new WriteBackClinic(settings: new() { [$"Nurture:Fhir:WriteBack:{key}"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => clinic.Services.Get<IOptions<FhirWriteBackOptions>>().Value);

        Assert.Contains($"Nurture:Fhir:WriteBack:{key}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nurture:HandOff:HotLeadAfter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ScoreCrossingTheHandOffThreshold_WritesOneTaskSayingWhy()
    {
        using var clinic = new WriteBackClinic(settings: new() { ["Nurture:HandOff:AtScore"] = "30", ["Nurture:HandOff:HotLeadAfter"] = "" });
        await clinic.WriteBack.StartAsync();
        clinic.ImportLead("fhir-sr-sr-24", "Patient/pat-24", "ana@example.com");
        await clinic.SendDueAsync();
        using (var db = clinic.Services.Db())
        {
            var touch = db.Touches.Single(t => t.Status == TouchStatus.Sent);
            await clinic.Services.Get<EventRecorder>().RecordAsync(new NewContactEvent(touch.ContactId, ContactEventType.Clicked, touch.Channel,
                clinic.Services.Clock.GetUtcNow(), "link", null, touch.Id));
            Assert.Equal("score", db.HandOffs.Single().Reason);
        }

        await clinic.WriteBack.RunAsync();
        await clinic.WriteBack.RunAsync();

        var (_, task) = Assert.Single(clinic.Server.Stored<Hl7.Fhir.Model.Task>());
        Assert.Equal("Hot lead: engaged enough to call now", task.Description);
        Assert.Equal((HandOffReason.Score, "Patient/pat-24", $"Location/{WriteBackClinic.LincolnParkFhirId}"), (task.Code!.Coding[0].Code, task.For!.Reference, task.Location!.Reference));
    }

    /// <summary>A click on the booking link of the touch sent, as the link endpoint records it.</summary>
    private async Task ClickAsync()
    {
        using var db = _clinic.Services.Db();
        var touch = db.Touches.Single(t => t.Status == TouchStatus.Sent);
        await _clinic.Services.Get<EventRecorder>().RecordAsync(new NewContactEvent(touch.ContactId, ContactEventType.Clicked, touch.Channel,
            _clinic.Services.Clock.GetUtcNow(), "link", null, touch.Id));
    }

    public void Dispose() => _clinic.Dispose();
}
