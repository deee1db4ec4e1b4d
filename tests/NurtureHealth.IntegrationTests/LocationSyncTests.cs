using Hl7.Fhir.Model;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests;
using NurtureHealth.Tests.Host;
using ClinicGroupLoader = NurtureHealth.Locations.ClinicGroupLoader;
using Location = Hl7.Fhir.Model.Location;
using Task = System.Threading.Tasks.Task;
using TimeRange = NurtureHealth.Locations.TimeRange;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// <c>nurture locations sync</c>, run as a process against a real FHIR R4 server (Medplum's router) and a copy of two
/// sample locations: links what it can, adds the new provider and the new location, then applies a later FHIR change while
/// keeping a location manager's edit.
/// </summary>
public sealed class LocationSyncTests : IDisposable
{
    private const string NewPatients = "http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/newpatients";
    private const string LincolnPark = "locations/chicago-lincoln-park/location.yaml";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "nurture-it", Guid.NewGuid().ToString("N"));
    private string? _fhirBaseUrl;

    public LocationSyncTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "locations"));
        File.Copy(Path.Combine(TestPaths.Locations, "group.yaml"), Path.Combine(_root, "locations", "group.yaml"));
        foreach (var id in new[] { "chicago-lincoln-park", "chicago-pilsen" })
        {
            Directory.CreateDirectory(Path.Combine(_root, "locations", id));
            File.Copy(Path.Combine(TestPaths.Locations, id, "location.yaml"), Path.Combine(_root, "locations", id, "location.yaml"));
        }
    }

    [Fact]
    public async Task Sync_AgainstARealFhirServer_LinksAddsCreates_ThenAppliesServerChangesAndKeepsTheManagersEdit()
    {
        await using var fhir = await FhirServer.StartAsync();
        _fhirBaseUrl = fhir.BaseUrl;
        var client = fhir.Client();

        // The server's view: Lincoln Park as its file has it (phone written differently), Pilsen carrying its folder id as an
        // identifier, and Naperville, which no file knows yet.
        var lincoln = (await client.CreateAsync(Place("Lakeshore Health — Lincoln Park", 41.9214m, -87.6513m, "2400 N Lincoln Ave", "Chicago", "60614", "(312) 555-0142")))!;
        var pilsen = Place("Lakeshore Health — Pilsen", 41.8577m, -87.6601m, "1800 S Blue Island Ave", "Chicago", "60608", "+13125550177");
        pilsen.Identifier.Add(new Identifier("https://nurturehealth.example/fhir/location-id", "chicago-pilsen"));
        pilsen = (await client.CreateAsync(pilsen))!;
        var naperville = (await client.CreateAsync(Place("Lakeshore Health — Naperville", 41.7508m, -88.1535m, "100 W Jefferson Ave", "Naperville", "60540", "+16305550100")))!;
        Edit(LincolnPark, "id: chicago-lincoln-park\n", $"# Front desk: ask Dana before changing hours.\nid: chicago-lincoln-park\nfhir_id: \"{lincoln.Id}\"\n");

        var ana = (await client.CreateAsync(Doctor("Ana", "Ruiz", "MD", "en", "es")))!;
        var anaRole = (await client.CreateAsync(Role(ana, lincoln, "newpt", new Coding("https://nurturehealth.example/fhir/specialty", "dermatology"))))!;
        var lucia = (await client.CreateAsync(Doctor("Lucía", "Fernández", "MD", "es", "en")))!;
        await client.CreateAsync(Role(lucia, lincoln, "nopt", new Coding("http://nucc.org/provider-taxonomy", "207N00000X", "Dermatology")));
        var omar = (await client.CreateAsync(Doctor("Omar", "Haddad", "DDS", "en", "ar")))!;
        await client.CreateAsync(Role(omar, naperville, "newpt", new Coding("https://nurturehealth.example/fhir/specialty", "oral-surgery")));

        var first = Sync();

        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Equal("", first.Stderr);
        var lines = first.Stdout.TrimEnd('\n').Split('\n');
        Assert.Contains($"{LincolnPark}: providers[ana-ruiz]: linked to Practitioner/{ana.Id} (same name)", lines);
        Assert.Contains($"{LincolnPark}: provider lucia-fernandez added (Practitioner/{lucia.Id}): Lucía Fernández, MD, [dermatology], speaks [es, en], not accepting new patients", lines);
        Assert.Contains($"locations/chicago-pilsen/location.yaml: linked to FHIR Location/{pilsen.Id} (its identifier https://nurturehealth.example/fhir/location-id|chicago-pilsen)", lines);
        Assert.Contains(lines, l => l.StartsWith($"locations/naperville/location.yaml: created from FHIR Location/{naperville.Id} with 1 provider, inactive (needs timezone, booking_url, service_lines and hours", StringComparison.Ordinal));
        Assert.Equal("Read 3 Locations and 3 PractitionerRoles from FHIR: 1 location created, 1 provider added, 2 linked by identifier or name; 3 files written.", lines[^1]);
        Assert.True(fhir.Requests.Any(r => r.StartsWith("GET /fhir/Location", StringComparison.Ordinal) && r.Contains("_offset=2", StringComparison.Ordinal)),
            "the Locations were not read page by page (PageSize 1):\n" + string.Join('\n', fhir.Requests));

        var group = ClinicGroupLoader.Load(Path.Combine(_root, "locations"));
        var park = group.Find("chicago-lincoln-park")!;
        Assert.Equal(ana.Id, park.Providers.Single(p => p.Id == "ana-ruiz").FhirId);
        var added = park.Providers.Single(p => p.Id == "lucia-fernandez");
        Assert.Equal((lucia.Id, false), (added.FhirId, added.AcceptingNewPatients));
        Assert.Equal(["dermatology"], added.Specialties);
        Assert.Equal(pilsen.Id, group.Find("chicago-pilsen")!.FhirId);
        var created = group.Find("naperville")!;
        Assert.False(created.Active);
        Assert.Equal(("+16305550100", "60540", "omar-haddad"), (created.Phone, created.Address.PostalCode, created.Providers.Single().Id));
        Assert.StartsWith("# Front desk: ask Dana before changing hours.\n", Read(LincolnPark));

        // Later: the server gets a new phone number and name for Lincoln Park, and Ana stops taking new patients; meanwhile
        // the location's manager renamed it and changed Saturday hours.
        lincoln = (await client.ReadAsync<Location>($"Location/{lincoln.Id}"))!;
        lincoln.Telecom[0].Value = "+1 312 555 0199";
        lincoln.Name = "Lakeshore Health — Lincoln Park North";
        await client.UpdateAsync(lincoln);
        anaRole.Extension.Clear();
        anaRole.Extension.Add(Accepting("nopt"));
        await client.UpdateAsync(anaRole);
        Edit(LincolnPark, "name: Lakeshore Health — Lincoln Park\n", "name: Lakeshore Health — Lincoln Park (Clark St)\n");
        Edit(LincolnPark, "  sat: \"09:00-13:00\"", "  sat: \"10:00-14:00\"");
        var edited = Read(LincolnPark);

        var dry = Sync("--dry-run");

        Assert.True(dry.ExitCode == 0, dry.Stdout + dry.Stderr);
        Assert.Contains($"{LincolnPark}: phone +13125550142 -> +13125550199", dry.Stdout);
        Assert.EndsWith("; dry run, nothing written.\n", dry.Stdout);
        Assert.Equal(edited, Read(LincolnPark));

        var second = Sync();

        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Equal(
            [
                $"{LincolnPark}: conflict: name is \"Lakeshore Health — Lincoln Park (Clark St)\" here but \"Lakeshore Health — Lincoln Park North\" on the FHIR server; kept the local value (remove the key to take the server's)",
                $"{LincolnPark}: phone +13125550142 -> +13125550199",
                $"{LincolnPark}: providers[ana-ruiz].accepting_new_patients true -> false",
                "locations/naperville/location.yaml: created from FHIR and still inactive: set timezone, booking_url, service_lines, hours, then active: true",
                "Read 3 Locations and 3 PractitionerRoles from FHIR: 2 changes, 1 conflict (local value kept), 1 new location waiting for its manager; 1 file written.",
            ],
            second.Stdout.TrimEnd('\n').Split('\n'));
        Assert.Equal(edited
            .Replace("phone: \"+13125550142\"", "phone: \"+13125550199\"", StringComparison.Ordinal)
            .Replace("    accepting_new_patients: true\n  - id: daniel-okafor", "    accepting_new_patients: false\n  - id: daniel-okafor", StringComparison.Ordinal),
            Read(LincolnPark));
        park = ClinicGroupLoader.Load(Path.Combine(_root, "locations")).Find("chicago-lincoln-park")!;
        Assert.Equal(("Lakeshore Health — Lincoln Park (Clark St)", "+13125550199", false), (park.Name, park.Phone, park.Providers.Single(p => p.Id == "ana-ruiz").AcceptingNewPatients));
        Assert.Equal(new TimeRange(new TimeOnly(10, 0), new TimeOnly(14, 0)), park.Hours.On(DayOfWeek.Saturday).Single());
    }

    private NurtureProcess.Result Sync(params string[] options) =>
        NurtureProcess.Run(_root, Settings(), ["locations", "sync", "--locations", "locations", .. options]);

    private Dictionary<string, string> Settings() => new()
    {
        ["Nurture__Fhir__BaseUrl"] = _fhirBaseUrl!,
        ["Nurture__Fhir__PageSize"] = "1",
        ["Nurture__Fhir__SpecialtyCodes__dermatology__0"] = "http://nucc.org/provider-taxonomy|207N00000X",
    };

    private string Read(string relative) => File.ReadAllText(Path.Combine(_root, relative));

    private void Edit(string relative, string from, string to)
    {
        var text = Read(relative);
        Assert.Contains(from, text);
        File.WriteAllText(Path.Combine(_root, relative), text.Replace(from, to, StringComparison.Ordinal));
    }

    private static Location Place(string name, decimal lat, decimal lon, string line, string city, string postalCode, string phone) => new()
    {
        Status = Location.LocationStatus.Active,
        Name = name,
        Position = new Location.PositionComponent { Latitude = lat, Longitude = lon },
        Address = new Address { Line = [line], City = city, State = "IL", PostalCode = postalCode },
        Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, phone)],
    };

    private static Practitioner Doctor(string given, string family, string suffix, params string[] languages) => new()
    {
        Name = [new HumanName { Use = HumanName.NameUse.Official, Given = [given], Family = family, Suffix = [suffix] }],
        Communication = [.. languages.Select(l => new CodeableConcept("urn:ietf:bcp:47", l))],
    };

    private static PractitionerRole Role(Practitioner practitioner, Location location, string accepting, Coding specialty) => new()
    {
        Active = true,
        Practitioner = new ResourceReference($"Practitioner/{practitioner.Id}"),
        Location = [new ResourceReference($"Location/{location.Id}")],
        Specialty = [new CodeableConcept { Coding = [specialty] }],
        Extension = [Accepting(accepting)],
    };

    private static Extension Accepting(string code) => new()
    {
        Url = NewPatients,
        Extension = [new Extension("acceptingPatients", new CodeableConcept("http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/AcceptingPatientsCS", code))],
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
