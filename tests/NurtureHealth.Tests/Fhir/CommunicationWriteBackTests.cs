using Hl7.Fhir.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MimeKit;
using NurtureHealth.Fhir;
using NurtureHealth.Touches;
using Task = System.Threading.Tasks.Task;

namespace NurtureHealth.Tests.Fhir;

public sealed class CommunicationWriteBackTests : IDisposable
{
    private readonly WriteBackClinic _clinic = new();

    [Fact]
    public async Task Run_EmailSentToAFhirPatient_WritesOneCommunicationWithItsMessageIdAndNothingOfItsContent()
    {
        await _clinic.WriteBack.StartAsync();
        _clinic.ImportLead("fhir-sr-sr-1", "Patient/pat-4711", "maria@example.com");
        Assert.Equal(1, (await _clinic.SendDueAsync()).SentEmail);

        var run = await _clinic.WriteBack.RunAsync();

        Assert.Equal((1, 1, 0), (run.Queued, run.Written, run.Waiting));
        var (json, communication) = Assert.Single(_clinic.Server.Stored<Communication>());
        using var db = _clinic.Services.Db();
        var touch = db.Touches.Single(t => t.Status == TouchStatus.Sent);
        Assert.Equal("Patient/pat-4711", communication.Subject!.Reference);
        Assert.Equal("EMAILWRIT", Assert.Single(Assert.Single(communication.Medium).Coding).Code);
        Assert.Contains(communication.Identifier, i => i.System == "urn:ietf:rfc:5322" && i.Value == touch.ProviderMessageId);
        Assert.Equal("ServiceRequest/sr-1", Assert.Single(communication.BasedOn).Reference);
        Assert.Equal($"Organization/{WriteBackClinic.Organization}", communication.Sender!.Reference);
        Assert.Empty(_clinic.Server.Invalid); // every resource posted is valid R4 (the server validates with Firely's validator)
        var write = db.FhirWriteBacks.Single();
        Assert.Equal((WriteBackStatus.Written, $"Communication/{communication.Id}", touch.Id), (write.Status, write.ResourceId, write.TouchId));
        Assert.Contains($"POST /Communication [If-None-Exist: identifier=https://nurturehealth.example/fhir/write-back|{write.Identifier}]", _clinic.Server.Requests);

        // Nothing of the content: not the subject line, no line of the body, not who the patient is or what they asked about.
        var email = await MimeMessage.LoadAsync(Path.Combine(_clinic.Services.Folder.File("outbox"), "email", $"{touch.Id:D8}.eml"));
        Assert.False(string.IsNullOrEmpty(touch.Subject));
        Assert.DoesNotContain(touch.Subject, json, StringComparison.OrdinalIgnoreCase);
        var lines = email.TextBody!.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 12).ToList();
        Assert.True(lines.Count >= 3, email.TextBody);
        Assert.All(lines, line => Assert.DoesNotContain(line, json, StringComparison.OrdinalIgnoreCase));
        Assert.All(["Maria", "Lopez", "maria@example.com", "eczema", "\"payload\"", "\"note\""], text => Assert.DoesNotContain(text, json, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Run_AnswerLostAfterTheServerStoredIt_RetryFindsItAndNoSecondCommunicationIsMade()
    {
        await _clinic.WriteBack.StartAsync();
        _clinic.ImportLead("fhir-sr-sr-2", "Patient/pat-4712", "ana@example.com");
        await _clinic.SendDueAsync();
        _clinic.Server.LoseNextAnswer = true;

        await Assert.ThrowsAsync<FhirUnavailableException>(() => _clinic.WriteBack.RunAsync());
        Assert.Single(_clinic.Server.Stored<Communication>());
        using (var db = _clinic.Services.Db())
        {
            Assert.Equal(WriteBackStatus.Pending, db.FhirWriteBacks.Single().Status);
        }

        var retry = await _clinic.WriteBack.RunAsync();
        var after = await _clinic.WriteBack.RunAsync();

        Assert.Equal((1, 0), (retry.Written, retry.Waiting));
        Assert.Equal((0, 0), (after.Queued, after.Written));
        var (_, communication) = Assert.Single(_clinic.Server.Stored<Communication>());
        using (var db = _clinic.Services.Db())
        {
            var write = db.FhirWriteBacks.Single();
            Assert.Equal((WriteBackStatus.Written, $"Communication/{communication.Id}", 2), (write.Status, write.ResourceId, write.Attempts));
        }

        var posts = _clinic.Server.Requests.Where(r => r.StartsWith("POST /Communication", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Single(posts.Distinct()); // the retry asked with the same identifier
    }

    [Fact]
    public async Task Run_ServerDown_SendsGoOnAndEachCommunicationIsWrittenOnceWhenItIsBack()
    {
        await _clinic.WriteBack.StartAsync();
        _clinic.ImportLead("fhir-sr-sr-3", "Patient/pat-4713", "ana@example.com");
        _clinic.ImportLead("fhir-sr-sr-4", "Patient/pat-4714", "bo@example.com", firstName: "Bo");
        _clinic.Server.Down = true;

        Assert.Equal(2, (await _clinic.SendDueAsync()).SentEmail);
        var failure = await Assert.ThrowsAsync<FhirUnavailableException>(() => _clinic.WriteBack.RunAsync());
        _clinic.Services.Clock.Advance(TimeSpan.FromMinutes(1));
        await Assert.ThrowsAsync<FhirUnavailableException>(() => _clinic.WriteBack.RunAsync());

        Assert.Contains("the server cannot be reached", failure.Message, StringComparison.Ordinal);
        var health = await _clinic.HealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("write-back: the server cannot be reached; 2 write-backs wait for the next run", health.Description, StringComparison.Ordinal);
        Assert.Contains(_clinic.Services.Log.Lines, l => l.Contains("FHIR write-back failed: the server cannot be reached; 0 written before it, 2 wait for the next run", StringComparison.Ordinal));

        _clinic.Server.Down = false;
        var run = await _clinic.WriteBack.RunAsync();

        Assert.Equal((2, 0), (run.Written, run.Waiting));
        Assert.Equal(["Patient/pat-4713", "Patient/pat-4714"], _clinic.Server.Stored<Communication>().Select(c => c.Resource.Subject!.Reference).Order());
        Assert.Equal(HealthStatus.Healthy, (await _clinic.HealthAsync()).Status);
        Assert.All(_clinic.Services.Log.Lines, line => Assert.All(["pat-47", "ana@", "bo@", "Maria", "eczema"],
            phi => Assert.DoesNotContain(phi, line, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Run_MessageToALeadNotFromFhir_IsSkippedAndNothingIsWritten()
    {
        await _clinic.WriteBack.StartAsync();
        _clinic.ImportLead("web-1", null, "ana@example.com");
        await _clinic.SendDueAsync();

        var run = await _clinic.WriteBack.RunAsync();

        Assert.Equal((0, 1, 0), (run.Queued, run.Skipped, run.Written));
        Assert.DoesNotContain(_clinic.Server.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
        using var db = _clinic.Services.Db();
        Assert.Equal((WriteBackStatus.Skipped, "not a FHIR patient"), db.FhirWriteBacks.Select(w => new { w.Status, w.Outcome }).AsEnumerable().Select(w => (w.Status, w.Outcome)).Single());
    }

    [Fact]
    public async Task Run_MessageToAContactSinceMergedIntoAFhirPatient_IsWrittenForTheLiveContactsPatient()
    {
        await _clinic.WriteBack.StartAsync();
        _clinic.ImportLead("web-2", null, "ana@example.com");
        Assert.Equal(1, (await _clinic.SendDueAsync()).SentEmail);
        _clinic.ImportLead("fhir-sr-sr-5", "Patient/pat-4715", "ana.work@example.com", phone: "(312) 555-0123");
        _clinic.ImportLead("web-3", null, "ana@example.com", phone: "(312) 555-0123");
        using (var db = _clinic.Services.Db())
        {
            Assert.Equal(1, db.Contacts.Count(c => c.MergedIntoId != null));
        }

        var run = await _clinic.WriteBack.RunAsync();

        Assert.Equal(1, run.Written);
        var (_, communication) = Assert.Single(_clinic.Server.Stored<Communication>());
        Assert.Equal("Patient/pat-4715", communication.Subject!.Reference);
        Assert.Empty(communication.BasedOn); // the message was for the web lead's enrollment, not the ServiceRequest's
    }

    [Fact]
    public async Task Run_MessageSentBeforeWriteBackWasSwitchedOn_IsNotWrittenBack()
    {
        _clinic.ImportLead("fhir-sr-sr-6", "Patient/pat-4716", "ana@example.com");
        await _clinic.SendDueAsync();
        _clinic.Services.Clock.Advance(TimeSpan.FromMinutes(1));
        await _clinic.WriteBack.StartAsync();

        var run = await _clinic.WriteBack.RunAsync();

        Assert.Equal((0, 0, 0), (run.Queued, run.Skipped, run.Written));
        Assert.Empty(_clinic.Server.Stored<Communication>());
    }

    [Fact]
    public async Task Run_ServerRefusesTheCommunication_KeepsItFailedWithTheReason_AndRetriesItOnlyOnceTheConfigurationChanges()
    {
        await _clinic.WriteBack.StartAsync();
        _clinic.ImportLead("fhir-sr-sr-7", "Patient/pat-4717", "ana@example.com");
        await _clinic.SendDueAsync();
        _clinic.Server.RefuseCreatesWith = System.Net.HttpStatusCode.UnprocessableEntity;

        var refused = await _clinic.WriteBack.RunAsync();
        _clinic.Server.RefuseCreatesWith = null;
        var next = await _clinic.WriteBack.RunAsync();

        Assert.Equal((1, 0), (refused.Refused, refused.Waiting));
        Assert.Equal(0, next.Written);
        Assert.Single(_clinic.Server.Requests, r => r.StartsWith("POST /Communication", StringComparison.Ordinal));
        using var db = _clinic.Services.Db();
        var write = db.FhirWriteBacks.Single();
        Assert.Equal((WriteBackStatus.Failed, "the server answered 422 UnprocessableEntity"), (write.Status, write.Outcome));
        var health = await _clinic.HealthAsync();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("1 write-backs were refused by the server", health.Description, StringComparison.Ordinal);
        Assert.Contains(_clinic.Services.Log.Lines, l => l.Contains($"FHIR write-back {write.Id} (communication) refused by the server", StringComparison.Ordinal));

        // The operator sets the Organization the server wanted and restarts: the refused row is built the new way and written.
        var reconfigured = new FhirWriteBack(_clinic.Services.Get<FhirConnection>(),
            _clinic.Services.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<NurtureHealth.Storage.NurtureDbContext>>(), _clinic.Services.Get<NurtureHealth.Locations.LocationCatalog>(),
            _clinic.Services.Get<FhirStatus>(), Microsoft.Extensions.Options.Options.Create(new FhirWriteBackOptions { Communications = true, Tasks = true, Organization = "org-main" }),
            _clinic.Services.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<FhirWriteBack>.Instance);
        var retried = await reconfigured.RunAsync();

        Assert.Equal(1, retried.Written);
        Assert.Equal("Organization/org-main", Assert.Single(_clinic.Server.Stored<Communication>()).Resource.Sender!.Reference);
        Assert.Equal(HealthStatus.Healthy, (await _clinic.HealthAsync()).Status);
    }

    [Fact]
    public async Task Run_WriteBackNotSwitchedOn_WritesNothing()
    {
        using var clinic = new WriteBackClinic(writeBack: false);
        await clinic.WriteBack.StartAsync();
        clinic.ImportLead("fhir-sr-sr-8", "Patient/pat-4718", "ana@example.com");
        await clinic.SendDueAsync();

        var run = await clinic.WriteBack.RunAsync();

        Assert.False(clinic.WriteBack.Active);
        Assert.Equal((0, 0, 0), (run.Queued, run.Skipped, run.Written));
        Assert.DoesNotContain(clinic.Server.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
        using var db = clinic.Services.Db();
        Assert.Empty(db.FhirWriteBacks);
    }

    public void Dispose() => _clinic.Dispose();
}
