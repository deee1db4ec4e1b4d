using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using NurtureHealth.Leads;

namespace NurtureHealth.Tests.Fhir;

public sealed class FhirLeadFileTests : IDisposable
{
    private static readonly FhirJsonSerializer Json = new();
    private static readonly FhirLeadOptions Options = new() { ServiceLineCodes = { ["dental-implants"] = ["http://snomed.info/sct|1255549003"] } };

    private readonly NurtureServices _services = new();

    [Fact]
    public void ReadBundle_TransactionWithUuidReferences_MapsEveryFieldOfThePatientAndRequest()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:6a1c", Resource = Patient(id: null) });
        bundle.Entry.Add(new Bundle.EntryComponent { Resource = Request("sr-1", "urn:uuid:6a1c") });

        var record = FhirLeadFile.ReadBundle(Stream(Json.SerializeToString(bundle)), "b.json", Options).Single();

        Assert.Null(record.Error);
        var draft = record.Draft!;
        Assert.Equal("fhir-sr-sr-1", draft["id"]);
        Assert.Equal(("Maria", "Lopez"), (draft["first_name"], draft["last_name"]));
        Assert.Equal("maria@example.com", draft["email"]);
        Assert.Equal("(312) 555-0100", draft["phone"]); // the sms number, not the home phone
        Assert.Equal("60614", draft["postal_code"]);
        Assert.Equal("es", draft["language"]);
        Assert.Equal("dermatology", draft["service_line"]);
        Assert.Equal("Acne scarring", draft["interest"]);
        Assert.Equal("2026-11-20T15:00:00.0000000+00:00", draft["submitted_at"]);
        Assert.Equal(("true", "2026-11-20T14:59:00Z", "Text me at this number"), (draft["consent.sms"], draft["consent.at"], draft["consent.sms_text"]));
        Assert.Null(draft.SourceReference); // a Patient without an id on a server has nothing to refer back to
        Assert.Equal(2, record.Line);
    }

    [Fact]
    public void ReadBundle_MappedCodingInCategory_GivesTheConfiguredServiceLine()
    {
        var request = Request("sr-2", "Patient/p-1");
        request.Code = new CodeableConcept { Text = "Implant consult" };
        request.Category = [new CodeableConcept("http://snomed.info/sct", "1255549003")];
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Entry = [new() { Resource = Patient("p-1") }, new() { Resource = request }] };

        var draft = FhirLeadFile.ReadBundle(Stream(Json.SerializeToString(bundle)), "b.json", Options).Single().Draft!;

        Assert.Equal("dental-implants", draft["service_line"]);
        Assert.Equal("Patient/p-1", draft.SourceReference);
    }

    [Fact]
    public void ServiceLineCodes_FromConfiguration_BindDespiteTheColonInTheCodeSystemUrl()
    {
        using var services = new NurtureServices(new() { ["Nurture:Fhir:ServiceLineCodes:dental-implants:0"] = "http://snomed.info/sct|1255549003" });
        var options = services.Get<Microsoft.Extensions.Options.IOptions<FhirLeadOptions>>().Value;
        var request = Request("sr-7", "Patient/p-1");
        request.Code = new CodeableConcept("http://snomed.info/sct", "1255549003");

        Assert.Equal("dental-implants", FhirLeadMapper.ServiceLine(request, options));
    }

    [Fact]
    public void ReadNdjson_BrokenLineAndMissingPatient_AreRejectedNamingWhereWithoutQuotingThem()
    {
        var lines = string.Join("\n",
            Json.SerializeToString(Request("sr-3", "Patient/p-3")),
            "{\"resourceType\":\"Patient\",\"id\":\"p-9\",\"name\":[{\"family\":\"Secret\"}],\"birthDate\":{\"nope\":1",
            Json.SerializeToString(Request("sr-4", "Patient/p-4")),
            Json.SerializeToString(Patient("p-4")));

        var records = FhirLeadFile.ReadNdjson(Stream(lines), "bulk.ndjson", Options).ToList();

        Assert.Equal(3, records.Count);
        var broken = records.Single(r => r.Error?.Code == "malformed-fhir");
        Assert.Equal(2, broken.Line);
        Assert.StartsWith("line 2 of bulk.ndjson is not a readable FHIR R4 resource", broken.Error!.Message);
        Assert.DoesNotContain("Secret", broken.Error.Message);
        var orphan = records.Single(r => r.Error?.Code == "missing-patient");
        Assert.Equal("ServiceRequest/sr-3 (at line 1): its subject is not a Patient in the same file", orphan.Error!.Message);
        Assert.Equal("fhir-sr-sr-3", orphan.Draft!["id"]); // rejected under its lead id, not as an unnamed record
        Assert.Equal("fhir-sr-sr-4", records.Single(r => r.Error is null).Draft!["id"]);
    }

    [Fact]
    public void Import_ServiceRequestWithoutItsPatient_IsRejectedUnderItsLeadIdAndTheOthersGoIn()
    {
        using var services = new NurtureServices();
        var file = services.Folder.Write("bulk.ndjson", string.Join("\n",
            Json.SerializeToString(Request("sr-3", "Patient/p-missing")),
            Json.SerializeToString(Request("sr-4", "Patient/p-4")),
            Json.SerializeToString(Patient("p-4"))));

        var report = services.Get<LeadImporter>().ImportFile(file);

        Assert.Equal((1, 1), (report.Accepted, report.Rejected));
        using var db = services.Db();
        var rejected = db.RejectedLeads.Single();
        Assert.Equal(("fhir-sr-sr-3", "subject", "missing-patient"), (rejected.ExternalId, rejected.Field, rejected.Code));
    }

    [Theory]
    [InlineData("leads.json", "{\"resourceType\":\"Bundle\",\"type\":\"transaction\"", LeadFileFormat.FhirBundle)]
    [InlineData("export.ndjson", "{ \"resourceType\" : \"Patient\", \"id\": \"1\"}", LeadFileFormat.FhirNdjson)]
    [InlineData("leads.json", "{\"id\":\"web-1\",\"resourceType\":\"x\"}", LeadFileFormat.Ndjson)]
    [InlineData("leads.csv", "{\"resourceType\":\"Bundle\"", LeadFileFormat.Csv)]
    public void Detect_ResourceTypeFirst_IsFhir(string name, string head, LeadFileFormat expected) =>
        Assert.Equal(expected, LeadFileFormats.Detect(name, Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void ImportFile_FhirBundleInTheInbox_StoresTheLeadAndKeepsTheUnmappableRequestWithItsIdAndReason()
    {
        var unknown = Request("sr-6", "Patient/p-1");
        unknown.Code = new CodeableConcept("http://snomed.info/sct", "000000", "Something else");
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Entry = [new() { Resource = Patient("p-1") }, new() { Resource = Request("sr-5", "Patient/p-1") }, new() { Resource = unknown }] };
        var path = _services.Folder.Write("ehr-export.json", Json.SerializeToString(bundle));

        var report = _services.Get<LeadImporter>().ImportFile(path);

        Assert.Equal((LeadFileFormat.FhirBundle, 2, 1, 1), (report.Format, report.Records, report.Accepted, report.Rejected));
        using var db = _services.Db();
        Assert.Equal("Patient/p-1", db.Leads.Single().SourceReference);
        var rejected = db.RejectedLeads.Single();
        Assert.Equal(("fhir-sr-sr-6", "service_line", "missing-field"), (rejected.ExternalId, rejected.Field, rejected.Code));
        Assert.Contains("\"id\":\"sr-6\"", Encoding.UTF8.GetString(rejected.Raw));
    }

    [Fact]
    public void ReadBundle_PoisonedResourcesAmongGoodOnes_EachIsRejectedNamingItsTypeIdAndElement_AndTheGoodOnesMap()
    {
        var bundle = PoisonedLeads.Bundle();
        var good = PoisonedLeads.Good;

        var records = FhirLeadFile.ReadBundle(Stream(bundle), "b.json", Options).ToList();

        Assert.Equal(good, records.Where(r => r.Error is null).Select(r => r.Draft!["id"]!).ToList());
        var code = records.Single(r => r.Draft?["id"] == "fhir-sr-sr-code");
        Assert.Equal(("ServiceRequest.code", "malformed-fhir"), (code.Error!.Field, code.Error.Code));
        Assert.StartsWith("ServiceRequest/sr-code (at entry 3): code is not what FHIR R4 allows there", code.Error.Message);
        var name = records.Single(r => r.Draft?["id"] == "fhir-sr-sr-name");
        Assert.Equal(("Patient.name", "malformed-fhir"), (name.Error!.Field, name.Error.Code));
        Assert.StartsWith("ServiceRequest/sr-name (at entry 5): its Patient/p-name: name is not what FHIR R4 allows there", name.Error.Message);
        Assert.All(records, r => Assert.DoesNotContain(PoisonedLeads.Secret, r.Error?.Message ?? ""));
    }

    [Fact]
    public void ReadNdjson_PoisonedResourcesAmongGoodOnes_EachIsRejectedAndTheGoodOnesMap()
    {
        var lines = string.Join("\n", System.Text.Json.JsonDocument.Parse(PoisonedLeads.Bundle()).RootElement.GetProperty("entry").EnumerateArray()
            .Select(e => e.GetProperty("resource").GetRawText()));

        var records = FhirLeadFile.ReadNdjson(Stream(lines), "bulk.ndjson", Options).ToList();

        Assert.Equal(PoisonedLeads.Good, records.Where(r => r.Error is null).Select(r => r.Draft!["id"]!).ToList());
        Assert.Equal(["ServiceRequest.code", "Patient.name"], records.Where(r => r.Error is not null).Select(r => r.Error!.Field));
    }

    [Fact]
    public void ImportFile_PoisonedBundle_StoresTheGoodLeadsAndKeepsTheBadOnesWithTheirReason()
    {
        var path = _services.Folder.Write("ehr-export.json", PoisonedLeads.Bundle());
        var good = PoisonedLeads.Good;

        var report = _services.Get<LeadImporter>().ImportFile(path);

        Assert.Equal((good.Count, 2), (report.Accepted, report.Rejected));
        using var db = _services.Db();
        Assert.Equal(["fhir-sr-sr-code", "fhir-sr-sr-name"], db.RejectedLeads.OrderBy(r => r.ExternalId).Select(r => r.ExternalId!).ToList());
        Assert.All(db.Imports.ToList(), i => Assert.NotNull(i.FinishedAt));
    }

    [Fact]
    public void ReadNdjson_ServiceRequestWithoutSubject_IsRejectedSayingSo_AndTheRestOfTheFileGoesOn()
    {
        var orphan = Request("sr-0", "Patient/p-1");
        orphan.Subject = null!;
        var lines = string.Join("\n", Json.SerializeToString(orphan), Json.SerializeToString(Request("sr-1", "Patient/p-1")), Json.SerializeToString(Patient("p-1")));

        var records = FhirLeadFile.ReadNdjson(Stream(lines), "bulk.ndjson", Options).ToList();

        Assert.Equal("ServiceRequest/sr-0 (at line 1): it has no subject Patient", records.Single(r => r.Error is not null).Error!.Message);
        Assert.Equal("fhir-sr-sr-1", records.Single(r => r.Error is null).Draft!["id"]);
    }

    [Fact]
    public void ReadBundle_EntryIsNotAnArray_TheFileIsOneRejectedRecordNotAnException()
    {
        var records = FhirLeadFile.ReadBundle(Stream("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"x\"}}}"), "b.json", Options).ToList();

        var only = Assert.Single(records);
        Assert.Equal(("Bundle.entry", "malformed-fhir"), (only.Error!.Field, only.Error.Code));
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private static Patient Patient(string? id)
    {
        var patient = new Patient
        {
            Id = id,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Given = ["Maria"], Family = "Lopez" }],
            Telecom =
            [
                new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, "(312) 555-0199"),
                new ContactPoint(ContactPoint.ContactPointSystem.Sms, ContactPoint.ContactPointUse.Mobile, "(312) 555-0100"),
                new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, "maria@example.com"),
            ],
            Address = [new Address { Use = Address.AddressUse.Home, PostalCode = "60614" }],
            Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept("urn:ietf:bcp:47", "es"), Preferred = true }],
        };
        var consent = new Extension(Options.SmsConsentExtension, new FhirDateTime("2026-11-20T14:59:00Z"));
        consent.AddExtension("text", new FhirString("Text me at this number"));
        patient.Extension.Add(consent);
        return patient;
    }

    private static ServiceRequest Request(string id, string subject) => new()
    {
        Id = id,
        Status = RequestStatus.Active,
        Intent = RequestIntent.Proposal,
        Subject = new ResourceReference(subject),
        Code = new CodeableConcept(Options.ServiceLineSystem, "dermatology", "Acne scarring"),
        AuthoredOn = "2026-11-20T15:00:00Z",
    };

    public void Dispose() => _services.Dispose();
}
