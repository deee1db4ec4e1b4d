using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Messaging.Sms;
using NurtureHealth.Tests;
using NurtureHealth.Tests.Fhir;
using Task = System.Threading.Tasks.Task;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// <c>nurture run</c> writing back to a real FHIR R4 server (Medplum's router): a Communication for each message a FHIR
/// patient is sent, a Task owned by the location when they reply by SMS, and nothing lost or doubled while the server
/// is down.
/// </summary>
public sealed class FhirWriteBackTests
{
    private const string ServiceLineSystem = "https://nurturehealth.example/fhir/service-line";
    private const string TagSystem = "https://nurturehealth.example/fhir/tags";
    private const string Own = "https://nurturehealth.example/fhir/write-back";
    private static readonly FhirJsonSerializer Json = new();
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Run_FhirLeadsFirstEmailAndSmsReply_BecomeOneCommunicationAndOneTask_FromTheGroupAtTheLocation_BothValidR4()
    {
        using var clinic = new MiddayClinic();
        await using var fhir = await FhirServer.StartAsync();
        await using var mail = await MailDev.StartAsync();
        var client = fhir.Client();
        var location = await client.CreateAsync(new Location { Name = "Lakeshore Health — Lincoln Park" });
        File.AppendAllText(Path.Combine(clinic.Folder, "chicago-lincoln-park", "location.yaml"), $"fhir_id: {location!.Id}\n");
        var group = await client.CreateAsync(new Organization { Name = "Lakeshore Health" });
        await using var worker = await StartWorkerAsync(clinic, fhir, mail, organization: group!.Id);

        var patient = await client.CreateAsync(Patient("Rosa", "rosa.diaz@example.com", "(312) 555-0188"));
        await client.CreateAsync(Request(patient!.Id!, "Rosacea flare-ups"));

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM fhir_write_backs WHERE kind = 'communication' AND status = 'written'") == 1),
            TimeSpan.FromSeconds(90)), "no Communication was written\n" + worker.Log);
        var email = Assert.Single(await mail.EmailsAsync());
        var messageId = Regex.Match(await mail.SourceAsync(email.GetProperty("id").GetString()!), @"(?im)^Message-ID:\s*(<[^>]+>)").Groups[1].Value;
        Assert.StartsWith("<touch-", messageId);
        Assert.Equal(messageId, worker.Text("SELECT provider_message_id FROM touches WHERE status = 'sent'"));
        var communication = Assert.Single(await AllAsync<Communication>(client, $"subject=Patient/{patient.Id}"));
        Assert.Equal(EventStatus.Completed, communication.Status);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", "EMAILWRIT"),
            (communication.Medium[0].Coding[0].System, communication.Medium[0].Coding[0].Code));
        Assert.Contains(communication.Identifier, i => i.System == "urn:ietf:rfc:5322" && i.Value == messageId);
        Assert.Contains(communication.Identifier, i => i.System == Own);
        Assert.Equal($"Organization/{group.Id}", communication.Sender!.Reference); // R4 allows an Organization as sender, not a Location
        Assert.Empty(communication.Payload);
        Assert.Empty(R4Validation.Errors(communication));
        var json = Json.SerializeToString(communication);
        var text = email.GetProperty("text").GetString()!;
        Assert.All(text.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 12), line => Assert.DoesNotContain(line, json, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(email.GetProperty("subject").GetString()!, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Rosa", json, StringComparison.OrdinalIgnoreCase);

        var form = new Dictionary<string, string> { ["From"] = "+13125550188", ["To"] = MiddayClinic.SmsNumber, ["Body"] = "Is Saturday possible? The redness is worse", ["MessageSid"] = "SM" + new string('5', 32) };
        var url = $"{worker.BaseUrl}/twilio/inbound";
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(Worker.AuthToken, url, form));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.SendAsync(request)).StatusCode);

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM fhir_write_backs WHERE kind = 'task' AND status = 'written'") == 1),
            TimeSpan.FromSeconds(60)), "no Task was written for the reply\n" + worker.Log);
        var task = Assert.Single(await AllAsync<Hl7.Fhir.Model.Task>(client, ""), t => t.For?.Reference == $"Patient/{patient.Id}");
        Assert.Equal((Hl7.Fhir.Model.Task.TaskStatus.Requested, Hl7.Fhir.Model.Task.TaskIntent.Order), (task.Status, task.Intent));
        Assert.Equal($"Organization/{group.Id}", task.Owner!.Reference); // R4 allows an Organization as owner, not a Location
        Assert.Equal($"Location/{location.Id}", task.Location!.Reference);
        Assert.Empty(R4Validation.Errors(task));
        Assert.Equal("Patient replied by SMS — please call", task.Description);
        Assert.All(["Saturday", "redness"], words => Assert.DoesNotContain(words, Json.SerializeToString(task), StringComparison.OrdinalIgnoreCase));
        Assert.Single(await AllAsync<Communication>(client, $"subject=Patient/{patient.Id}"));
        Assert.Single(fhir.Requests, r => r.StartsWith("POST /fhir/Communication ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_FhirServerDownWhileATouchIsSent_ItsCommunicationAppearsOnceAfterTheRestart()
    {
        using var clinic = new MiddayClinic();
        using var templates = new SecondEmailAfterOneMinute();
        await using var fhir = await FhirServer.StartAsync();
        await using var mail = await MailDev.StartAsync();
        await using var worker = await StartWorkerAsync(clinic, fhir, mail, templates.Folder);
        var client = fhir.Client();
        var patient = await client.CreateAsync(Patient("Lena", "lena.fox@example.com", null));
        await client.CreateAsync(Request(patient!.Id!, null));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM fhir_write_backs WHERE status = 'written'") == 1),
            TimeSpan.FromSeconds(90)), "the first email's Communication was not written\n" + worker.Log);

        // The server dies while the second email is still to come.
        await fhir.StopAsync();
        Assert.Equal(1, worker.Scalar("SELECT COUNT(*) FROM touches WHERE step_id = 'what-to-expect' AND status = 'scheduled'"));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE step_id = 'what-to-expect' AND status = 'sent'") == 1),
            TimeSpan.FromSeconds(150)), "the second email was not sent while the FHIR server was down\n" + worker.Log);
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM fhir_write_backs WHERE status = 'pending' AND attempts >= 2") == 1),
            TimeSpan.FromSeconds(60)), "the write-back was not tried (and failed) while the server was down\n" + worker.Log);
        Assert.Contains("FHIR write-back failed: the server cannot be reached", worker.Log);
        var health = await (await Http.GetAsync($"{worker.BaseUrl}/health")).Content.ReadAsStringAsync();
        Assert.Contains("write-back: the server cannot be reached; 1 write-backs wait for the next run", health);
        Assert.Equal(2, (await mail.EmailsAsync()).Count);

        await fhir.RestartAsync();

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM fhir_write_backs WHERE status = 'written'") == 2),
            TimeSpan.FromSeconds(60)), "the second Communication was not written after the restart\n" + worker.Log);
        var second = worker.Text("SELECT provider_message_id FROM touches WHERE step_id = 'what-to-expect'");
        var communications = await AllAsync<Communication>(client, $"subject=Patient/{patient.Id}");
        Assert.Equal(2, communications.Count);
        Assert.Single(communications, c => c.Identifier.Any(i => i.System == "urn:ietf:rfc:5322" && i.Value == second));
        Assert.Equal(2, communications.Select(c => c.Identifier.Single(i => i.System == Own).Value).Distinct().Count());
        Assert.All(communications, c => Assert.Empty(R4Validation.Errors(c)));
    }

    private static Task<Worker> StartWorkerAsync(MiddayClinic clinic, FhirServer fhir, MailDev mail, string? templates = null, string? organization = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Nurture__Smtp__Host"] = "127.0.0.1",
            ["Nurture__Smtp__Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Nurture__Smtp__Security"] = "None",
            ["Nurture__Fhir__BaseUrl"] = fhir.BaseUrl,
            ["Nurture__Fhir__PollInterval"] = "00:00:01",
            ["Nurture__Fhir__WriteBack__Communications"] = "true",
            ["Nurture__Fhir__WriteBack__Tasks"] = "true",
            ["Nurture__Fhir__WriteBack__Interval"] = "00:00:01",
        };
        if (templates is not null)
        {
            settings["Nurture__Templates__Path"] = templates;
        }

        if (organization is not null)
        {
            settings["Nurture__Fhir__WriteBack__Organization"] = organization;
        }

        return Worker.StartAsync(clinic.Folder, settings);
    }

    private static async Task<List<T>> AllAsync<T>(FhirClient client, string query) where T : Resource
    {
        var search = new SearchParams().LimitTo(100);
        if (query.Length > 0)
        {
            search = search.Where(query);
        }

        return await NurtureHealth.Fhir.FhirConnection.SearchAllAsync<T>(client, search, CancellationToken.None);
    }

    private static Patient Patient(string given, string email, string? phone) => new()
    {
        Name = [new HumanName { Use = HumanName.NameUse.Official, Given = [given], Family = "Tester" }],
        Telecom = phone is null
            ? [new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, email)]
            : [new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, email), new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, phone)],
        Address = [new Address { Use = Address.AddressUse.Home, PostalCode = "60614" }],
        Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept("urn:ietf:bcp:47", "en"), Preferred = true }],
    };

    private static ServiceRequest Request(string patient, string? text) => new()
    {
        Meta = new Meta { Tag = [new Coding(TagSystem, "nurture")] },
        Status = RequestStatus.Active,
        Intent = RequestIntent.Proposal,
        Subject = new ResourceReference($"Patient/{patient}"),
        Code = new CodeableConcept(ServiceLineSystem, "dermatology", text),
        AuthoredOn = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    /// <summary>The sample templates with the skin guide cut to two emails a minute apart, so the second is sent while the test holds the FHIR server down.</summary>
    private sealed class SecondEmailAfterOneMinute : IDisposable
    {
        public SecondEmailAfterOneMinute()
        {
            foreach (var file in Directory.EnumerateFiles(TestPaths.Templates, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Folder, Path.GetRelativePath(TestPaths.Templates, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var sequence = Path.Combine(Folder, "skin-guide", "sequence.yaml");
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
                    delay: 1m

                """);
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
