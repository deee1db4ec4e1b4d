using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using NurtureHealth.Api;
using NurtureHealth.IntegrationTests.Servers;
using Task = System.Threading.Tasks.Task;

namespace NurtureHealth.IntegrationTests;

/// <summary>The integration API of <c>nurture run</c> over real HTTP: <c>POST /intake/fhir</c> and <c>POST /bookings</c>.</summary>
public sealed class ApiTests
{
    private const string Key = "integration-api-key-0123456789abcdef";
    private const string Secret = "integration-booking-secret-0123456789";
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task IntakeFhir_BundleWithAKey_EnrollsTheGoodRequestAndAnswersWithTheRejectedOnesReason()
    {
        using var clinic = new MiddayClinic();
        await using var worker = await StartAsync(clinic);
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:0b7a3c52-6f0e-4f55-9d7e-1f1d2b1c9a01", Resource = Patient() });
        bundle.Entry.Add(new Bundle.EntryComponent { Resource = Request("sr-good", "dermatology") });
        bundle.Entry.Add(new Bundle.EntryComponent { Resource = Request("sr-odd", "podiatry") });
        var json = new FhirJsonSerializer().SerializeToString(bundle);

        var anonymous = await Http.SendAsync(Post(worker, "/intake/fhir", json, "application/fhir+json"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM imports"));

        var response = await Http.SendAsync(Post(worker, "/intake/fhir", json, "application/fhir+json", key: Key));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var report = JsonDocument.Parse(body).RootElement;
        Assert.Equal((2, 1), (report.GetProperty("records").GetInt32(), report.GetProperty("accepted").GetInt32()));
        var rejected = report.GetProperty("rejected").EnumerateArray().Single();
        Assert.Equal(("fhir-sr-sr-odd", "service_line", "unknown-service-line"),
            (rejected.GetProperty("lead_id").GetString(), rejected.GetProperty("field").GetString(), rejected.GetProperty("code").GetString()));
        Assert.DoesNotContain("Maria", body, StringComparison.Ordinal);
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM rejected_leads WHERE external_id = 'fhir-sr-sr-odd' AND code = 'unknown-service-line'"));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar(
                "SELECT COUNT(*) FROM enrollments e JOIN leads l ON l.id = e.lead_id WHERE l.external_id = 'fhir-sr-sr-good' AND e.location_id = 'chicago-lincoln-park'") == 1),
            TimeSpan.FromSeconds(30)), "the pushed lead was not enrolled\n" + worker.Log);
    }

    [Fact]
    public async Task IntakeFhir_PoisonedResourcesAmongGoodOnes_AnswersWithTheReportNotA500_AndKeepsTheGoodLeads()
    {
        using var clinic = new MiddayClinic();
        await using var worker = await StartAsync(clinic);

        var response = await Http.SendAsync(Post(worker, "/intake/fhir", NurtureHealth.Tests.Fhir.PoisonedLeads.Bundle(), "application/fhir+json", key: Key));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var report = JsonDocument.Parse(body).RootElement;
        var good = NurtureHealth.Tests.Fhir.PoisonedLeads.Good;
        Assert.Equal(good.Count, report.GetProperty("accepted").GetInt32());
        Assert.Equal([("fhir-sr-sr-code", "ServiceRequest.code"), ("fhir-sr-sr-name", "Patient.name")],
            report.GetProperty("rejected").EnumerateArray().Select(r => (r.GetProperty("lead_id").GetString(), r.GetProperty("field").GetString())));
        Assert.DoesNotContain(NurtureHealth.Tests.Fhir.PoisonedLeads.Secret, body, StringComparison.Ordinal);
        Assert.Equal(good.Count, worker.Scalar("SELECT COUNT(*) FROM leads"));
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM imports WHERE finished_at IS NULL"));
    }

    [Fact]
    public async Task IntakeFhir_TooLargeOrNotFhir_IsRefusedAndNothingIsImported()
    {
        using var clinic = new MiddayClinic();
        await using var worker = await StartAsync(clinic, ("Nurture__Api__MaxBodyBytes", "2048"));

        var large = await Http.SendAsync(Post(worker, "/intake/fhir", "{\"resourceType\":\"Bundle\",\"entry\":[" + new string(' ', 4096) + "]}", "application/fhir+json", key: Key));
        var csv = await Http.SendAsync(Post(worker, "/intake/fhir", "id,first_name\nweb-1,Maria\n", "text/csv", key: Key));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("Nurture:Api:MaxBodyBytes", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, csv.StatusCode);
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM imports"));
    }

    [Fact]
    public async Task Bookings_SignedWebhook_EndsTheEnrollmentOnceAndAForgedOrUnknownOneChangesNothing()
    {
        using var clinic = new MiddayClinic();
        await using var worker = await StartAsync(clinic);
        worker.Drop("web.ndjson", DeliveryTests.Lead("web-9", email: "ana@example.com", phone: null, source: "guide-download"));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE status = 'active'") == 1), TimeSpan.FromSeconds(60)),
            "the lead was not enrolled\n" + worker.Log);
        var booking = """{"id":"appt-981","at":"2026-11-23T16:00:00Z","lead_id":"web-9"}""";

        var forged = await Http.SendAsync(Post(worker, "/bookings", booking, "application/json", signature: ApiRequest.Sign("not-the-secret-0123456789abcdef", Encoding.UTF8.GetBytes(booking))));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE status = 'active'"));

        var signed = await Http.SendAsync(Post(worker, "/bookings", booking, "application/json", signature: ApiRequest.Sign(Secret, Encoding.UTF8.GetBytes(booking))));
        var again = await Http.SendAsync(Post(worker, "/bookings", booking, "application/json", key: Key));
        var stranger = """{"id":"appt-982","at":"2026-11-23T16:00:00Z","email":"walk.in@example.com"}""";
        var unknown = await Http.SendAsync(Post(worker, "/bookings", stranger, "application/json", key: Key));

        Assert.Equal("""{"booked":1,"rescheduled":0,"cancelled":0,"no_show":0,"attended":0,"duplicates":0,"rejected":[]}""", await signed.Content.ReadAsStringAsync());
        Assert.Equal("""{"booked":0,"rescheduled":0,"cancelled":0,"no_show":0,"attended":0,"duplicates":1,"rejected":[]}""", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("no contact matches the lead_id, email or phone given", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE status = 'booked'"));
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'scheduled'"));
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM contact_events WHERE type = 'booked'"));
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM rejected_events WHERE source_name = 'POST /bookings'"));

        // The appointment's life by webhook: booked with a start and location (its confirmation and reminders planned), moved, then cancelled.
        var life = string.Join("\n",
            """{"id":"evt-1","type":"booked","booking_id":"appt-990","at":"2026-11-23T17:00:00Z","start":"2026-12-04T16:00:00Z","location_id":"chicago-lincoln-park","lead_id":"web-9"}""",
            """{"id":"evt-2","type":"rescheduled","booking_id":"appt-990","at":"2026-11-24T17:00:00Z","start":"2026-12-07T16:00:00Z","lead_id":"web-9"}""",
            """{"id":"evt-3","type":"cancelled","booking_id":"appt-990","at":"2026-11-25T17:00:00Z","lead_id":"web-9"}""",
            """{"id":"evt-4","type":"no-show","at":"2026-11-25T17:00:00Z","lead_id":"web-9"}""");
        var lifeAnswer = await Http.SendAsync(Post(worker, "/bookings", life, "application/x-ndjson", key: Key));
        Assert.Equal(HttpStatusCode.OK, lifeAnswer.StatusCode);
        Assert.Equal("""{"booked":1,"rescheduled":1,"cancelled":1,"no_show":0,"attended":0,"duplicates":0,"rejected":[{"line":4,"reason":"booking_id is missing: a no-show line names the appointment it changes"}]}""",
            await lifeAnswer.Content.ReadAsStringAsync());
        Assert.Equal("cancelled", worker.Text("SELECT status FROM appointments WHERE booking_id = 'appt-990'"));
        Assert.Equal(3, worker.Scalar("SELECT COUNT(*) FROM appointment_changes"));
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM touches WHERE care AND status = 'scheduled'"));
    }

    [Fact]
    public async Task Api_BodyOverSixtyFourKibibytes_IsReadUpToTheSettingWithAKeyAndRefusedUnreadWithout()
    {
        using var clinic = new MiddayClinic();
        await using var worker = await StartAsync(clinic);
        var bookings = string.Join("\n", Enumerable.Range(0, 1200).Select(i => $"{{\"id\":\"appt-{i:D6}\",\"at\":\"2026-11-20T15:04:05Z\",\"lead_id\":\"web-{i:D6}-not-a-lead-we-know\"}}"));
        Assert.True(bookings.Length > 100 * 1024);

        var keyed = await Http.SendAsync(Post(worker, "/bookings", bookings, "application/x-ndjson", key: Key));

        // A client sending 20 MiB asks first (Expect: 100-continue): the server says no before any of it is sent.
        var anonymousRequest = Post(worker, "/bookings", new string('x', 20 << 20), "application/x-ndjson");
        anonymousRequest.Headers.ExpectContinue = true;
        var anonymous = await Http.SendAsync(anonymousRequest);
        var wrongKeyRequest = Post(worker, "/intake/fhir", new string('x', 20 << 20), "application/fhir+json", key: "not-the-key-0123456789abcdefghij");
        wrongKeyRequest.Headers.ExpectContinue = true;
        var wrongKey = await Http.SendAsync(wrongKeyRequest);

        var body = await keyed.Content.ReadAsStringAsync();
        Assert.True(keyed.StatusCode == HttpStatusCode.UnprocessableEntity, $"{keyed.StatusCode}: {body}"); // read whole: each booking names an unknown lead
        Assert.Equal(1200, JsonDocument.Parse(body).RootElement.GetProperty("rejected").GetArrayLength());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode); // not 413: the body was never read
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
    }

    private static Task<Worker> StartAsync(MiddayClinic clinic, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Nurture__Api__Keys__0"] = Key,
            ["Nurture__Api__SigningSecret"] = Secret,
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return Worker.StartAsync(clinic.Folder, settings);
    }

    private static HttpRequestMessage Post(Worker worker, string path, string body, string contentType, string? key = null, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, worker.BaseUrl + path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Nurture-Signature", signature);
        }

        return request;
    }

    private static Patient Patient() => new()
    {
        Name = [new HumanName { Given = ["Maria"], Family = "Lopez" }],
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, "maria.api@example.com")],
        Address = [new Address { PostalCode = "60614" }],
    };

    private static ServiceRequest Request(string id, string serviceLine) => new()
    {
        Id = id,
        Status = RequestStatus.Active,
        Intent = RequestIntent.Proposal,
        Subject = new ResourceReference("urn:uuid:0b7a3c52-6f0e-4f55-9d7e-1f1d2b1c9a01"),
        Code = new CodeableConcept("https://nurturehealth.example/fhir/service-line", serviceLine),
        AuthoredOn = "2026-11-20T15:00:00Z",
    };
}
