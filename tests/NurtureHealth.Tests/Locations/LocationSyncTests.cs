using NurtureHealth.Fhir;
using NurtureHealth.Locations;
using NurtureHealth.Locations.Sync;

namespace NurtureHealth.Tests.Locations;

/// <summary>
/// The merge of <c>nurture locations sync</c>, on real files in a temp folder: FHIR changes are applied where the file
/// still holds what the server said last time, location managers' edits are kept and reported, comments and everything
/// the manager owns survive byte for byte, and the folder still loads afterwards.
/// </summary>
public sealed class LocationSyncTests : IDisposable
{
    private const string GroupYaml = """
        name: Test Health
        service_lines:
          dermatology: { name: Dermatology, specialties: [dermatology] }
          dental-implants: { name: Dental implants, specialties: [prosthodontics, oral-surgery] }
        lead_sources: [web-form]
        """;

    // Comments, quoting, flow and block styles, and manager-owned keys the sync must never touch.
    private const string North = """
        # Lakeshore North: edited by the front desk. Ask Dana before changing hours.
        id: north
        fhir_id: "loc-1"
        name: Test Health — North   # the sign on the door
        active: true
        timezone: America/Chicago
        position: { lat: 41.9214, lon: -87.6513 }
        address: { line1: "2400 N Lincoln Ave", city: Chicago, state: IL, postal_code: "60614" }
        phone: "+13125550142"
        booking_url: https://book.example.org/north   # new booking page since May
        service_lines: [dermatology, dental-implants]

        hours:
          mon: "08:00-17:00"
          sat: closed   # closed until spring
        send_windows: { sms: "10:00-19:00" }
        staff_email: frontdesk@north.example
        providers:
          - id: ana-ruiz
            fhir_id: "pr-ana"
            name: Ana Ruiz, MD
            title: Dermatologist   # shown in emails
            specialties: [dermatology]
            languages:
              - en
              - es
            accepting_new_patients: true
        # end of file
        """;

    private readonly TempFolder _dir = new();

    private static readonly FhirOptions Options = new()
    {
        SpecialtyCodes = new() { ["dermatology"] = ["http://nucc.org/provider-taxonomy|207N00000X"] },
    };

    private static LocationInFhir NorthInFhir => new("loc-1")
    {
        Name = "Test Health — North",
        Active = true,
        Latitude = 41.9214m,
        Longitude = -87.6513m,
        Line1 = "2400 N Lincoln Ave",
        City = "Chicago",
        State = "IL",
        PostalCode = "60614",
        Phone = "+13125550142",
        Providers = [Ana],
    };

    private static ProviderInFhir Ana => new("pr-ana")
    {
        Name = "Ana Ruiz, MD",
        IdName = "Ana Ruiz",
        Specialties = ["dermatology"],
        Languages = ["en", "es"],
        AcceptingNewPatients = true,
    };

    public LocationSyncTests()
    {
        _dir.Write("group.yaml", GroupYaml);
        _dir.Write("north/location.yaml", North);
    }

    private string NorthText => File.ReadAllText(_dir.File("north/location.yaml"));

    [Fact]
    public void Sync_ServerChangedThePhone_FileStillAsLastSynced_TakesTheServersPhoneAndTouchesNothingElse()
    {
        Sync(NorthInFhir); // the first sync records what the server says
        var before = NorthText;

        var lines = Sync(NorthInFhir with { Phone = "+13125550199" });

        var change = Assert.Single(lines);
        Assert.Equal(SyncLineKind.Change, change.Kind);
        Assert.EndsWith(Path.Combine("north", "location.yaml"), change.File);
        Assert.Equal("phone +13125550142 -> +13125550199", change.Text);
        Assert.Equal(before.Replace("phone: \"+13125550142\"", "phone: \"+13125550199\"", StringComparison.Ordinal), NorthText);
        Assert.Equal("+13125550199", ClinicGroupLoader.Load(_dir.Path).Find("north")!.Phone);
    }

    [Fact]
    public void Sync_ManagerEditedThePhone_KeepsTheEditAndReportsTheConflict()
    {
        Sync(NorthInFhir);
        File.WriteAllText(_dir.File("north/location.yaml"), NorthText.Replace("+13125550142", "+13125550111", StringComparison.Ordinal));
        var edited = NorthText;

        var lines = Sync(NorthInFhir with { Phone = "+13125550199" });

        var conflict = Assert.Single(lines);
        Assert.Equal(SyncLineKind.Conflict, conflict.Kind);
        Assert.EndsWith(Path.Combine("north", "location.yaml"), conflict.File);
        Assert.Equal("conflict: phone is +13125550111 here but +13125550199 on the FHIR server; kept the local value (remove the key to take the server's)", conflict.Text);
        Assert.Equal(edited, NorthText);

        // The manager still disagrees on the next run: reported again, still kept.
        Assert.Equal(SyncLineKind.Conflict, Assert.Single(Sync(NorthInFhir with { Phone = "+13125550199" })).Kind);
        Assert.Equal(edited, NorthText);
    }

    [Fact]
    public void Sync_SeveralServerChanges_EditOnlyTheirValues_CommentsOrderAndManagerFieldsSurviveByteForByte()
    {
        Sync(NorthInFhir);

        var lines = Sync(NorthInFhir with
        {
            Name = "Test Health — North Side",
            City = "Chicago Heights",
            Latitude = 41.93m,
            Providers = [Ana with { Languages = ["en", "es", "pt"], AcceptingNewPatients = false }],
        });

        Assert.Equal(
            [
                "name \"Test Health — North\" -> \"Test Health — North Side\"",
                "position.lat 41.9214 -> 41.93",
                "address.city Chicago -> \"Chicago Heights\"",
                "providers[ana-ruiz].languages [en, es] -> [en, es, pt]",
                "providers[ana-ruiz].accepting_new_patients true -> false",
            ],
            lines.Select(l => l.Text));
        var expected = North
            .Replace("name: Test Health — North   #", "name: Test Health — North Side   #", StringComparison.Ordinal)
            .Replace("lat: 41.9214", "lat: 41.93", StringComparison.Ordinal)
            .Replace("city: Chicago,", "city: Chicago Heights,", StringComparison.Ordinal)
            .Replace("languages:\n      - en\n      - es\n", "languages:\n      - en\n      - es\n      - pt\n", StringComparison.Ordinal)
            .Replace("accepting_new_patients: true", "accepting_new_patients: false", StringComparison.Ordinal);
        Assert.Equal(expected, NorthText);
        var north = ClinicGroupLoader.Load(_dir.Path).Find("north")!;
        Assert.Equal("Chicago Heights", north.Address.City);
        Assert.Equal(["en", "es", "pt"], north.Providers.Single().Languages);
    }

    [Fact]
    public void Sync_NewPractitionerRoleAtTheLocation_AppendsTheProviderAndTheFolderStillLoads()
    {
        var lucia = new ProviderInFhir("pr-lucia")
        {
            Name = "Lucía Fernández, MD",
            IdName = "Lucía Fernández",
            Specialties = ["dermatology"],
            Languages = ["es", "en"],
            AcceptingNewPatients = false,
        };

        var lines = Sync(NorthInFhir with { Providers = [Ana, lucia] });

        var added = Assert.Single(lines);
        Assert.Equal(SyncLineKind.ProviderAdded, added.Kind);
        Assert.Equal("provider lucia-fernandez added (Practitioner/pr-lucia): Lucía Fernández, MD, [dermatology], speaks [es, en], not accepting new patients", added.Text);
        Assert.EndsWith(
            "    accepting_new_patients: true\n" +
            "  - id: lucia-fernandez\n" +
            "    fhir_id: \"pr-lucia\"\n" +
            "    name: Lucía Fernández, MD\n" +
            "    specialties: [dermatology]\n" +
            "    languages: [es, en]\n" +
            "    accepting_new_patients: false\n" +
            "# end of file", NorthText);
        var provider = ClinicGroupLoader.Load(_dir.Path).Find("north")!.Providers.Single(p => p.Id == "lucia-fernandez");
        Assert.Equal("pr-lucia", provider.FhirId);
        Assert.False(provider.AcceptingNewPatients);

        Assert.Empty(Sync(NorthInFhir with { Providers = [Ana, lucia] })); // nothing left to do: no duplicate
    }

    [Fact]
    public void Sync_FirstSyncWithoutBaseline_KeepsTheFilesValue_AndRemovingTheKeyTakesTheServers()
    {
        var lines = Sync(NorthInFhir with { Phone = "+13125550199" });

        Assert.Equal(SyncLineKind.Conflict, Assert.Single(lines).Kind);
        Assert.Equal(North, NorthText);

        File.WriteAllText(_dir.File("north/location.yaml"), NorthText.Replace("phone: \"+13125550142\"\n", "", StringComparison.Ordinal));
        var change = Assert.Single(Sync(NorthInFhir with { Phone = "+13125550199" }));

        Assert.Equal("phone (none) -> +13125550199", change.Text);
        Assert.Contains("\"60614\" }\nphone: \"+13125550199\"\nbooking_url:", NorthText, StringComparison.Ordinal);
        Assert.Equal("+13125550199", ClinicGroupLoader.Load(_dir.Path).Find("north")!.Phone);
    }

    [Fact]
    public void Sync_ServerSaysNothingAboutAField_FileKeepsIt()
    {
        var lines = Sync(NorthInFhir with { Phone = null, Latitude = null, Longitude = null, Providers = [Ana with { Languages = null }] });

        Assert.Empty(lines);
        Assert.Equal(North, NorthText);
    }

    [Fact]
    public void Sync_LocationTheServerNoLongerHas_IsLeftAloneWithANote()
    {
        var lines = Sync();

        var note = Assert.Single(lines);
        Assert.Equal(SyncLineKind.Note, note.Kind);
        Assert.Equal("Location/loc-1 was not found on the FHIR server; left as it is", note.Text);
        Assert.Equal(North, NorthText);
    }

    [Fact]
    public void Sync_TwoFilesWithTheSameFhirId_SyncsTheFirstAndNamesTheOther()
    {
        var south = North.Replace("id: north", "id: south", StringComparison.Ordinal).Replace("id: ana-ruiz", "id: ana-ruiz-south", StringComparison.Ordinal);
        _dir.Write("south/location.yaml", south);

        var lines = Sync(NorthInFhir with { Phone = "+13125550199" });

        Assert.Contains(lines, l => l.File.EndsWith(Path.Combine("north", "location.yaml"), StringComparison.Ordinal) && l.Kind == SyncLineKind.Conflict);
        var note = Assert.Single(lines, l => l.File.EndsWith(Path.Combine("south", "location.yaml"), StringComparison.Ordinal));
        Assert.Equal("fhir_id loc-1 is also north's, which was synced; not synced (a Location belongs in one file: remove the fhir_id from one)", note.Text);
        Assert.Equal(south, File.ReadAllText(_dir.File("south/location.yaml")));
    }

    [Fact]
    public void Sync_UnlinkedFileAndProviderWithTheServersNames_AreLinkedNotDuplicated()
    {
        File.WriteAllText(_dir.File("north/location.yaml"), North
            .Replace("fhir_id: \"loc-1\"\n", "", StringComparison.Ordinal)
            .Replace("    fhir_id: \"pr-ana\"\n", "", StringComparison.Ordinal));

        var lines = Sync(NorthInFhir);

        Assert.Equal(
            ["linked to FHIR Location/loc-1 (same name)", "providers[ana-ruiz]: linked to Practitioner/pr-ana (same name)"],
            lines.Select(l => l.Text));
        Assert.Equal(North, NorthText);
        Assert.False(Directory.Exists(_dir.File("test-health-north")));
    }

    [Fact]
    public void Sync_UnknownServerLocation_WritesAnInactiveFolderWithPlaceholders_ThatLoads()
    {
        var naperville = new LocationInFhir("loc-9")
        {
            Name = "Test Health — Naperville",
            Active = true,
            Latitude = 41.7508m,
            Longitude = -88.1535m,
            Line1 = "100 W Jefferson Ave",
            City = "Naperville",
            State = "IL",
            PostalCode = "60540",
            Phone = "+16305550100",
            Providers = [new ProviderInFhir("pr-omar") { Name = "Omar Haddad, DDS", IdName = "Omar Haddad", Specialties = ["oral-surgery"] }, Ana],
        };

        var lines = Sync(NorthInFhir, naperville);

        var created = Assert.Single(lines);
        Assert.Equal(SyncLineKind.Created, created.Kind);
        Assert.EndsWith(Path.Combine("naperville", "location.yaml"), created.File);
        Assert.Equal("created from FHIR Location/loc-9 with 2 providers, inactive (needs timezone, booking_url, service_lines and hours, then active: true, before it takes leads)", created.Text);
        var location = ClinicGroupLoader.Load(_dir.Path).Find("naperville")!;
        Assert.False(location.Active);
        Assert.Equal("loc-9", location.FhirId);
        Assert.Equal("60540", location.Address.PostalCode);
        Assert.Equal(["dermatology", "dental-implants"], location.ServiceLines);
        Assert.Equal(["omar-haddad", "ana-ruiz-2"], location.Providers.Select(p => p.Id));
        Assert.Contains("booking_url: https://booking-url-not-set.invalid/  # TODO", File.ReadAllText(_dir.File("naperville/location.yaml")), StringComparison.Ordinal);

        // Until its manager switches it on, the sync keeps it off and says what is left.
        var waiting = Assert.Single(Sync(NorthInFhir, naperville));
        Assert.Equal(SyncLineKind.Waiting, waiting.Kind);
        Assert.Equal("created from FHIR and still inactive: set timezone, booking_url, service_lines, hours, then active: true", waiting.Text);
        Assert.False(ClinicGroupLoader.Load(_dir.Path).Find("naperville")!.Active);

        var path = _dir.File("naperville/location.yaml");
        File.WriteAllText(path, File.ReadAllText(path)
            .Replace("timezone: Etc/UTC", "timezone: America/Chicago", StringComparison.Ordinal)
            .Replace("active: false", "active: true", StringComparison.Ordinal));
        var placeholder = Assert.Single(Sync(NorthInFhir, naperville));
        Assert.Equal("active, but booking_url still holds the placeholder the sync wrote: set it", placeholder.Text);

        // Once on, active follows the server like any other FHIR-owned field.
        var closed = Sync(NorthInFhir, naperville with { Active = false });
        Assert.Contains(closed, l => l.Kind == SyncLineKind.Change && l.Text == "active true -> false");
        Assert.False(ClinicGroupLoader.Load(_dir.Path).Find("naperville")!.Active);
    }

    [Fact]
    public void Sync_ServerLocationWithoutPosition_IsNotCreated_AndSaysWhy()
    {
        var lines = Sync(NorthInFhir, new LocationInFhir("loc-7") { Name = "Pop-up clinic", Active = true, Phone = "+13125550100" });

        var note = Assert.Single(lines);
        Assert.Equal("FHIR Location/loc-7", note.File);
        Assert.Equal("not created: the server gives no position, address line, city, state, postal code (a location needs them to be placed and called)", note.Text);
        Assert.Single(Directory.EnumerateDirectories(_dir.Path));
    }

    [Fact]
    public void Sync_ProviderWhoseSpecialtyMapsToNothing_IsNotAdded()
    {
        var lines = Sync(NorthInFhir with { Providers = [Ana, new ProviderInFhir("pr-x") { Name = "Sam Lee, MD", UnmappedSpecialties = ["http://snomed.info/sct|394579002 (Cardiology)"] }] });

        Assert.Contains(lines, l => l.Text == "Practitioner/pr-x not added: none of their PractitionerRole specialties maps to a specialty in group.yaml (see Nurture:Fhir:SpecialtyCodes)");
        Assert.Contains(lines, l => l.Text.StartsWith("specialty http://snomed.info/sct|394579002 (Cardiology) maps to no specialty in group.yaml", StringComparison.Ordinal));
        Assert.Equal(North, NorthText);
    }

    /// <summary>Plans a sync of the temp folder against these server resources and writes what it decided, as the command does.</summary>
    private List<SyncLine> Sync(params LocationInFhir[] server)
    {
        var plan = LocationSyncPlanner.Plan(LocalFolder.Read(_dir.Path), server, new SyncSettings(Options.LocationIdentifierSystem, !string.IsNullOrEmpty(Options.LocationSearch)), new DateOnly(2026, 11, 23));
        foreach (var (path, text) in plan.Writes)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        return plan.Lines.ToList();
    }

    public void Dispose() => _dir.Dispose();
}
