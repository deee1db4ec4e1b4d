using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests;
using Task = System.Threading.Tasks.Task;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// <c>nurture run</c> beside a real FHIR R4 server (Medplum's router): ServiceRequests become enrolled leads,
/// Appointments end enrollments, decision messages show the provider's real free Slots, and a server that dies
/// mid-poll costs nothing.
/// </summary>
public sealed class FhirTests
{
    private const string ServiceLineSystem = "https://nurturehealth.example/fhir/service-line";
    private const string TagSystem = "https://nurturehealth.example/fhir/tags";

    [Fact]
    public async Task Run_ServiceRequestBecomesALeadWithSlotsInItsBookingEmail_AndAnAppointmentEndsIt()
    {
        using var clinic = new MiddayClinic();
        using var templates = new BookFirstTemplates();
        await using var fhir = await FhirServer.StartAsync();
        await using var mail = await MailDev.StartAsync();
        var client = fhir.Client();

        // Two dermatologists, each with a schedule: a taken slot, a past slot, and four free ones on their own hours.
        var now = TimeProvider.System.GetUtcNow();
        var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var slots = new Dictionary<string, List<DateTimeOffset>>();
        foreach (var (name, hour) in new[] { ("ana-ruiz", 14), ("daniel-okafor", 16) })
        {
            var practitioner = await client.CreateAsync(new Practitioner { Name = [new HumanName { Family = name }] });
            clinic.SetProviderFhirId(name, practitioner!.Id!);
            var schedule = await client.CreateAsync(new Schedule { Actor = [new ResourceReference($"Practitioner/{practitioner.Id}")] });
            await CreateSlotAsync(client, schedule!.Id!, tomorrow.AddHours(hour - 1), Slot.SlotStatus.Busy);
            await CreateSlotAsync(client, schedule.Id!, now.AddHours(-3), Slot.SlotStatus.Free);
            slots[name] = [];
            foreach (var day in new[] { 3, 1, 2, 4 })
            {
                // The soonest two carry a booking deep link; the others do not, and their button opens the location's booking page.
                var start = tomorrow.AddDays(day - 1).AddHours(hour).AddMinutes(15);
                await CreateSlotAsync(client, schedule.Id!, start, Slot.SlotStatus.Free, day <= 2 ? DeepLink(start) : null);
                slots[name].Add(start);
            }
        }

        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string>
        {
            ["Nurture__Templates__Path"] = templates.Folder,
            ["Nurture__Smtp__Host"] = "127.0.0.1",
            ["Nurture__Smtp__Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Nurture__Smtp__Security"] = "None",
            ["Nurture__Fhir__BaseUrl"] = fhir.BaseUrl,
            ["Nurture__Fhir__PollInterval"] = "00:00:01",
            ["Nurture__Fhir__LeadSource"] = "ad-click",
        });

        var patient = await client.CreateAsync(Patient("Maria", "Lopez", "maria.lopez@example.com", "60614"));
        var request = await client.CreateAsync(Request(patient!.Id!, "dermatology", "Acne scarring"));
        var leadId = $"fhir-sr-{request!.Id}";

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar($"SELECT COUNT(*) FROM enrollments e JOIN leads l ON l.id = e.lead_id WHERE l.external_id = '{leadId}' AND e.location_id = 'chicago-lincoln-park' AND e.status = 'active'") == 1),
            TimeSpan.FromSeconds(60)), "the ServiceRequest did not become an enrolled lead\n" + worker.Log);
        Assert.Equal($"Patient/{patient.Id}", worker.Text($"SELECT source_reference FROM leads WHERE external_id = '{leadId}'"));
        // The importer wakes the dispatcher as it commits, so the lead can be enrolled before the poll logs its line.
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Log.Contains("1 new: 1 accepted, 0 rejected", StringComparison.Ordinal)), TimeSpan.FromSeconds(10)),
            "the poll did not log the accepted lead\n" + worker.Log);

        Assert.True(await Worker.WaitAsync(async () => (await mail.EmailsAsync()).Count > 0, TimeSpan.FromSeconds(60)), "no booking email reached MailDev\n" + worker.Log);
        var email = (await mail.EmailsAsync()).Single();
        var text = email.GetProperty("text").GetString()!;
        var provider = worker.Text("SELECT provider_id FROM enrollments")!;
        Assert.Contains(provider, slots.Keys);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(MiddayClinic.Zone);
        var offered = slots[provider].Order().Take(3).ToList();
        var times = offered.Select(s => TimeZoneInfo.ConvertTime(s, zone).ToString("ddd MMM d, h:mm tt", CultureInfo.GetCultureInfo("en-US"))).ToList();
        Assert.All(times, time => Assert.True(text.Contains(time, StringComparison.Ordinal), $"expected the next free slot {time} of {provider} in:\n{text}"));

        // Each time is its own tracked link: the first two open the scheduler's page for that very slot, the third the booking page.
        var html = email.GetProperty("html").GetString()!;
        var buttons = times.Select(time => System.Text.RegularExpressions.Regex.Match(html, $@"<a href=""([^""]+)""><strong>{System.Text.RegularExpressions.Regex.Escape(time)}</strong></a>").Groups[1].Value).ToList();
        Assert.All(buttons, link => Assert.Matches(@"^https://nurture\.test\.example/l/[A-Za-z0-9_-]+$|^http://127\.0\.0\.1:\d+/l/[A-Za-z0-9_-]+$", link));

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'scheduled'") >= 1), TimeSpan.FromSeconds(30)),
            "no next touch was planned");

        var appointment = await client.CreateAsync(new Appointment
        {
            Status = Appointment.AppointmentStatus.Booked,
            Start = slots[provider].Order().First(),
            End = slots[provider].Order().First().AddMinutes(30),
            Participant =
            [
                // Absolute, as many EHRs write it: the same Patient as the ServiceRequest's relative subject.
                new Appointment.ParticipantComponent { Actor = new ResourceReference($"{fhir.BaseUrl.TrimEnd('/')}/Patient/{patient.Id}"), Status = ParticipationStatus.Accepted },
            ],
        });

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM enrollments WHERE status = 'booked'") == 1), TimeSpan.FromSeconds(60)),
            "the Appointment did not end the enrollment\n" + worker.Log);
        // The nurture stops; what is planned now is the appointment's own journey (its reminders).
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM touches t JOIN enrollments e ON e.id = t.enrollment_id WHERE e.appointment_id IS NULL AND t.status = 'scheduled'"));
        Assert.True(worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'cancelled'") >= 1);
        Assert.Equal(1, worker.Scalar($"SELECT COUNT(*) FROM contact_events WHERE type = 'booked' AND external_id = 'Appointment/{appointment!.Id}'"));

        // The buttons, followed (after the booking, so the clicks change nothing above).
        using (var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            string? Target(string link) => noRedirects.GetAsync(worker.BaseUrl + new Uri(link).AbsolutePath).GetAwaiter().GetResult().Headers.Location?.ToString();
            Assert.Equal(DeepLink(offered[0]), Target(buttons[0]));
            Assert.Equal(DeepLink(offered[1]), Target(buttons[1]));
            Assert.StartsWith($"https://book.example.org/lincoln-park?provider={provider}&utm_source=", Target(buttons[2]), StringComparison.Ordinal); // its provider already chosen
        }

        Assert.Equal(3, worker.Scalar("SELECT COUNT(*) FROM contact_events WHERE type = 'clicked'"));
    }

    [Fact]
    public async Task Run_FhirServerKilledMidPollAndStartedAgain_LosesAndDuplicatesNothing()
    {
        using var clinic = new MiddayClinic();
        await using var fhir = await FhirServer.StartAsync();
        var client = fhir.Client();
        var requests = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var patient = await client.CreateAsync(Patient($"First{i}", "Early", $"early{i}@example.com", "60614"));
            requests.Add((await client.CreateAsync(Request(patient!.Id!, "dermatology", null)))!.Id!);
        }

        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string>
        {
            ["Nurture__Fhir__BaseUrl"] = fhir.BaseUrl,
            ["Nurture__Fhir__PollInterval"] = "00:00:01",
            ["Nurture__Fhir__PageSize"] = "4",
        });
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM leads") == 6), TimeSpan.FromSeconds(60)),
            "the first six leads were not read\n" + worker.Log);

        // Twenty more in one transaction; then the server dies once it has served the third page of a poll (whose window
        // also re-reads the first six, through its overlap).
        var batch = new Bundle { Type = Bundle.BundleType.Transaction };
        for (var i = 0; i < 20; i++)
        {
            var patientUrl = $"urn:uuid:{Guid.NewGuid()}";
            batch.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = patientUrl,
                Resource = Patient($"First{i}", "Late", $"late{i}@example.com", "60614"),
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" },
            });
            var request = Request("placeholder", "dermatology", null);
            request.Subject = new ResourceReference(patientUrl);
            batch.Entry.Add(new Bundle.EntryComponent { Resource = request, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "ServiceRequest" } });
        }

        var created = await client.TransactionAsync(batch);
        requests.AddRange(created!.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Select(r => r.Id!));
        Assert.Equal(26, requests.Count);
        fhir.KillAfter(line => line.StartsWith("GET /fhir/ServiceRequest", StringComparison.Ordinal) && line.Contains("_offset=8", StringComparison.Ordinal));

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Log.Contains("FHIR leads poll failed: the server cannot be reached", StringComparison.Ordinal)), TimeSpan.FromSeconds(60)),
            "the poll did not fail when the server died\n" + worker.Log);
        using (var http = new HttpClient())
        {
            var health = await http.GetAsync($"{worker.BaseUrl}/health");
            Assert.Contains("the server cannot be reached", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await fhir.RestartAsync();

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM leads") == 26), TimeSpan.FromSeconds(60)),
            $"{worker.Scalar("SELECT COUNT(*) FROM leads")} of 26 leads after the restart\n" + worker.Log);
        var polls = fhir.Requests.Count(r => r.StartsWith("GET /fhir/ServiceRequest", StringComparison.Ordinal) && !r.Contains("_offset", StringComparison.Ordinal));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(fhir.Requests.Count(r => r.StartsWith("GET /fhir/ServiceRequest", StringComparison.Ordinal) && !r.Contains("_offset", StringComparison.Ordinal)) >= polls + 2),
            TimeSpan.FromSeconds(30)), "no further polls");

        Assert.Equal(26, worker.Scalar("SELECT COUNT(*) FROM leads"));
        Assert.Equal(26, worker.Scalar("SELECT COUNT(DISTINCT external_id) FROM leads"));
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM rejected_leads"));
        // Enrollment follows import in the worker's next cycle: on a loaded machine that can be a few seconds after the last page.
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM enrollments") >= 26), TimeSpan.FromSeconds(30)),
            $"{worker.Scalar("SELECT COUNT(*) FROM enrollments")} of 26 leads enrolled\n" + worker.Log);
        Assert.Equal(26, worker.Scalar("SELECT COUNT(*) FROM enrollments"));
        foreach (var id in requests)
        {
            Assert.Equal(1, worker.Scalar($"SELECT COUNT(*) FROM leads WHERE external_id = 'fhir-sr-{id}'"));
        }
    }

    [Fact]
    public async Task Run_WrongBearerToken_SaysSoOnHealthAndTakesNothing_TheRightOneTakesTheLead()
    {
        using var clinic = new MiddayClinic();
        await using var fhir = await FhirServer.StartAsync(token: "the-right-token-0123456789");
        var client = fhir.Client();
        var patient = await client.CreateAsync(Patient("Rosa", "Diaz", "rosa@example.com", "60614"));
        var request = await client.CreateAsync(Request(patient!.Id!, "dermatology", null));
        var settings = new Dictionary<string, string>
        {
            ["Nurture__Fhir__BaseUrl"] = fhir.BaseUrl,
            ["Nurture__Fhir__PollInterval"] = "00:00:01",
            ["Nurture__Fhir__BearerToken"] = "a-wrong-token",
        };

        await using (var wrong = await Worker.StartAsync(clinic.Folder, settings))
        {
            using var http = new HttpClient();
            Assert.True(await Worker.WaitAsync(async () => (await http.GetStringAsync($"{wrong.BaseUrl}/health")).Contains("refused our credentials (401): check Nurture:Fhir:BearerToken", StringComparison.Ordinal),
                TimeSpan.FromSeconds(60)), "/health did not show the 401\n" + wrong.Log);
            // The log line is read from the worker's stdout, which can trail /health by a moment.
            Assert.True(await Worker.WaitAsync(() => Task.FromResult(wrong.Log.Contains("FHIR leads poll failed: the server refused our credentials (401)", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(10)), "the 401 was not logged\n" + wrong.Log);
            Assert.Equal(0, wrong.Scalar("SELECT COUNT(*) FROM leads"));
            Assert.Equal(0, wrong.Scalar("SELECT COUNT(*) FROM fhir_watermarks WHERE name = 'leads'"));
        }

        settings["Nurture__Fhir__BearerToken"] = fhir.Token!;
        await using var right = await Worker.StartAsync(clinic.Folder, settings);
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(right.Scalar($"SELECT COUNT(*) FROM leads WHERE external_id = 'fhir-sr-{request!.Id}'") == 1), TimeSpan.FromSeconds(60)),
            "the right token did not bring the lead\n" + right.Log);
    }

    private static async Task CreateSlotAsync(FhirClient client, string schedule, DateTimeOffset start, Slot.SlotStatus status, string? deepLink = null)
    {
        var slot = new Slot
        {
            Schedule = new ResourceReference($"Schedule/{schedule}"),
            Status = status,
            Start = start,
            End = start.AddMinutes(30),
        };
        if (deepLink is not null)
        {
            // SMART Scheduling Links: the scheduler's own page for booking exactly this slot.
            slot.Extension.Add(new Extension(NurtureHealth.Fhir.SlotFinder.BookingDeepLink, new FhirUrl(deepLink)));
        }

        await client.CreateAsync(slot);
    }

    private static string DeepLink(DateTimeOffset start) => $"https://ehr-portal.example.org/book?slot={start.ToUnixTimeSeconds()}";

    private static Patient Patient(string given, string family, string email, string postalCode) => new()
    {
        Name = [new HumanName { Use = HumanName.NameUse.Official, Given = [given], Family = family }],
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, email)],
        Address = [new Address { Use = Address.AddressUse.Home, PostalCode = postalCode }],
        Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept("urn:ietf:bcp:47", "en"), Preferred = true }],
    };

    private static ServiceRequest Request(string patient, string serviceLine, string? text) => new()
    {
        Meta = new Meta { Tag = [new Coding(TagSystem, "nurture")] },
        Status = RequestStatus.Active,
        Intent = RequestIntent.Proposal,
        Subject = new ResourceReference($"Patient/{patient}"),
        Code = new CodeableConcept(ServiceLineSystem, serviceLine, text),
        AuthoredOn = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    /// <summary>The sample templates with the ad-click sequence's booking email first, so a decision-stage message goes out at once.</summary>
    private sealed class BookFirstTemplates : IDisposable
    {
        public BookFirstTemplates()
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.Templates, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Folder, Path.GetRelativePath(TestPaths.Templates, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var sequence = Path.Combine(Folder, "ad-click-quick", "sequence.yaml");
            var text = File.ReadAllText(sequence);
            text = text[..text.IndexOf("steps:", StringComparison.Ordinal)] + """
                steps:
                  - id: book
                    stage: decision
                    channel: email
                    delay: 0
                  - id: why-us
                    stage: consideration
                    channel: email
                    delay: 1d
                  - id: reminder
                    stage: decision
                    channel: sms
                    delay: 4d

                """;
            File.WriteAllText(sequence, text);
        }

        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "nurture-it", Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }
}
