using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NurtureHealth.Cycle;
using NurtureHealth.Fhir;
using NurtureHealth.Leads;
using NurtureHealth.Messaging;
using NurtureHealth.Sequences;

namespace NurtureHealth.Tests.Fhir;

/// <summary>
/// The library as a host composes it, with FHIR write-back switched on against a <see cref="FakeFhirServer"/>, the
/// shipped locations (Lincoln Park with a FHIR Location id unless told otherwise), the file outbox, and a fake clock
/// at Monday 09:00 in Chicago.
/// </summary>
internal sealed class WriteBackClinic : IDisposable
{
    public const string LincolnParkFhirId = "loc-lincoln-park";

    /// <summary>The group's Organization id: sender of Communications, owner of Tasks.</summary>
    public const string Organization = "org-lakeshore";

    private readonly TempFolder _locations = new();

    public WriteBackClinic(bool locationHasFhirId = true, bool writeBack = true, Dictionary<string, string?>? settings = null)
    {
        foreach (var file in Directory.EnumerateFiles(TestPaths.Locations, "*", SearchOption.AllDirectories))
        {
            var target = _locations.File(Path.GetRelativePath(TestPaths.Locations, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        if (locationHasFhirId)
        {
            File.AppendAllText(_locations.File("chicago-lincoln-park/location.yaml"), $"fhir_id: {LincolnParkFhirId}\n");
        }

        var config = new Dictionary<string, string?>
        {
            ["Nurture:Locations:Path"] = _locations.Path,
            ["Nurture:Fhir:BaseUrl"] = "https://ehr.test.example/fhir",
        };
        if (writeBack)
        {
            config["Nurture:Fhir:WriteBack:Communications"] = "true";
            config["Nurture:Fhir:WriteBack:Tasks"] = "true";
            config["Nurture:Fhir:WriteBack:Organization"] = Organization;
        }

        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        Services = new NurtureServices(config, s => s.AddHttpClient(FhirConnection.ClientName).ConfigurePrimaryHttpMessageHandler(() => Server));
    }

    public FakeFhirServer Server { get; } = new();

    public NurtureServices Services { get; }

    public FhirWriteBack WriteBack => Services.Get<FhirWriteBack>();

    /// <summary>A lead; with a <paramref name="patient"/>, as the FHIR lead poller imports one (fhir-sr-{ServiceRequest id}, its Patient in source_reference).</summary>
    public void ImportLead(string id, string? patient, string? email, string phone = "", string source = "guide-download", string firstName = "Maria")
    {
        var draft = Some.Draft(("id", id), ("source", source), ("first_name", firstName), ("language", "en"), ("email", email),
            ("phone", phone.Length == 0 ? null : phone), ("consent.sms", phone.Length == 0 ? "false" : "true"));
        draft.SourceReference = patient;
        Services.Get<LeadImporter>().Import("fhir:test", LeadFileFormat.Ndjson, [new ParsedRecord(1, Encoding.UTF8.GetBytes("{}"), draft, null)]);
    }

    /// <summary>Enrolls new leads and sends what is due now, through the file outbox.</summary>
    public async Task<DispatchRun> SendDueAsync()
    {
        await Services.Get<Enroller>().EnrollPendingAsync();
        return await Services.Get<NurtureCycle>().SendDueAsync();
    }

    public async Task<HealthCheckResult> HealthAsync() =>
        await Services.Get<FhirStatus>().CheckHealthAsync(new HealthCheckContext());

    public void Dispose()
    {
        Services.Dispose();
        _locations.Dispose();
    }
}
