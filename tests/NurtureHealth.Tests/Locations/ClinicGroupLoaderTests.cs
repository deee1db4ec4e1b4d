using NurtureHealth.Locations;
using NurtureHealth.Yaml;

namespace NurtureHealth.Tests.Locations;

public sealed class ClinicGroupLoaderTests
{
    private const string GroupYaml = """
        name: Test Health
        service_lines:
          dermatology: { name: Dermatology, specialties: [dermatology] }
          dental-implants: { name: Dental implants, specialties: [prosthodontics] }
        lead_sources: [web-form]
        """;

    private const string GoodLocation = """
        id: north
        name: Test Health — North
        active: true
        timezone: America/Chicago
        position: { lat: 41.9214, lon: -87.6513 }
        address: { line1: 2400 N Lincoln Ave, city: Chicago, state: IL, postal_code: "60614" }
        phone: "+13125550142"
        booking_url: https://book.example.org/north
        service_lines: [dermatology]
        hours:
          mon: "08:00-17:00"
          sat: closed
        providers:
          - id: ana-ruiz
            name: Ana Ruiz, MD
            specialties: [dermatology]
            languages: [en, es]
            accepting_new_patients: true
        """;

    [Fact]
    public void Load_ShippedSampleGroup_HasThreeMetrosThreeTimeZonesAndEnoughProviders()
    {
        var group = ClinicGroupLoader.Load(TestPaths.Locations);

        Assert.Equal("Lakeshore Health", group.Name);
        Assert.True(group.Locations.Count >= 12);
        Assert.True(group.Locations.Count(l => l.TimeZone.Id == "America/Chicago") >= 6);
        Assert.True(group.Locations.Count(l => l.TimeZone.Id == "America/Phoenix") >= 3);
        Assert.True(group.Locations.Count(l => l.TimeZone.Id == "America/Indiana/Indianapolis") >= 3);
        Assert.Single(group.Locations, l => !l.Active);
        Assert.True(group.Locations.Sum(l => l.Providers.Count) >= 30);
        Assert.True(group.Locations.SelectMany(l => l.Providers).Count(p => p.Speaks("es")) >= 5);
        Assert.Contains(group.Locations.SelectMany(l => l.Providers), p => !p.AcceptingNewPatients);
        Assert.Contains(group.Locations, l => !l.Offers("dermatology"));
        var phoenix = group.Find("phoenix-arcadia")!.TimeZone;
        Assert.Equal(TimeSpan.FromHours(-7), phoenix.GetUtcOffset(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(-7), phoenix.GetUtcOffset(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new TimeRange(new TimeOnly(8, 0), new TimeOnly(17, 0)), group.Find("chicago-lincoln-park")!.Hours.On(DayOfWeek.Monday).Single());
    }

    [Fact]
    public void Load_GoodFiles_ReadsEveryKey()
    {
        using var dir = Folder(GoodLocation);

        var location = ClinicGroupLoader.Load(dir.Path).Find("north")!;

        Assert.Equal("Test Health — North", location.Name);
        Assert.Equal(new GeoPoint(41.9214, -87.6513), location.Position);
        Assert.Equal("2400 N Lincoln Ave, Chicago, IL 60614", location.Address.ToString());
        Assert.Equal(new Uri("https://book.example.org/north"), location.BookingUrl);
        Assert.Empty(location.Hours.On(DayOfWeek.Saturday));
        Assert.Equal(["en", "es"], location.Providers.Single().Languages);
    }

    [Theory]
    [InlineData("timezone: America/Chicago", "timezone: America/Chicgo", 4, "timezone 'America/Chicgo' is not an IANA time zone such as America/Chicago")]
    [InlineData("id: north", "id: south", 1, "id 'south' must match the folder name 'north'")]
    [InlineData("service_lines: [dermatology]", "service_lines: [dermatolgy]", 9, "service line 'dermatolgy' is not in group.yaml; did you mean 'dermatology'?")]
    [InlineData("booking_url: https://book.example.org/north", "booking_url: book.example.org", 8, "booking_url 'book.example.org' must be a full https:// address")]
    [InlineData("phone: \"+13125550142\"", "phone: \"(312) 555-0142\"", 7, "phone '(312) 555-0142' must be in E.164 form, such as \"+13125550142\"")]
    [InlineData("active: true", "activ: true", 3, "unknown key 'activ'; did you mean 'active'?")]
    [InlineData("  mon: \"08:00-17:00\"", "  mon: \"8 to 5\"", 11, "hours.mon: '8 to 5' is not a time span; write it as \"08:00-17:00\" or closed")]
    [InlineData("position: { lat: 41.9214, lon: -87.6513 }", "position: { lat: 141.9, lon: -87.6513 }", 5, "position 141.9, -87.6513 is not on the map (lat −90…90, lon −180…180)")]
    [InlineData("    languages: [en, es]", "    languages: [en, spanish!]", 17, "providers[0].languages: 'spanish!' is not a language code such as en or es")]
    [InlineData("active: true", "active: maybe", 3, "active must be true or false, not 'maybe'")]
    public void Load_OneMistake_IsReportedAtItsLineWithASpecificMessage(string good, string bad, int line, string message)
    {
        using var dir = Folder(GoodLocation.Replace(good, bad, StringComparison.Ordinal));

        var error = Assert.Throws<FileFindingsException>(() => ClinicGroupLoader.Load(dir.Path));

        var finding = Assert.Single(error.Findings);
        Assert.Equal(message, finding.Message);
        Assert.Equal(line, finding.Line);
        Assert.EndsWith(Path.Combine("north", "location.yaml"), finding.File);
    }

    [Fact]
    public void Load_ProviderIdUsedAtTwoLocations_IsAnError()
    {
        using var dir = Folder(GoodLocation);
        dir.Write("south/location.yaml", GoodLocation.Replace("id: north", "id: south", StringComparison.Ordinal));

        var error = Assert.Throws<FileFindingsException>(() => ClinicGroupLoader.Load(dir.Path));

        Assert.Contains(error.Findings, f => f.Message == "provider id 'ana-ruiz' is already used at location 'north'");
    }

    [Fact]
    public void Load_BrokenYaml_SaysWhereAndKeepsCheckingOtherFiles()
    {
        using var dir = Folder("id: north\nname: [unclosed\n");
        dir.Write("south/location.yaml", GoodLocation.Replace("id: north", "id: south", StringComparison.Ordinal).Replace("timezone: America/Chicago", "timezone: Mars/Olympus", StringComparison.Ordinal));

        var error = Assert.Throws<FileFindingsException>(() => ClinicGroupLoader.Load(dir.Path));

        Assert.Contains(error.Findings, f => f.File.EndsWith(Path.Combine("north", "location.yaml"), StringComparison.Ordinal) && f.Message.StartsWith("not valid YAML", StringComparison.Ordinal));
        Assert.Contains(error.Findings, f => f.File.EndsWith(Path.Combine("south", "location.yaml"), StringComparison.Ordinal) && f.Message.Contains("Mars/Olympus", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingRequiredKeys_NamesEachOne()
    {
        using var dir = Folder("id: north\nname: North\n");

        var error = Assert.Throws<FileFindingsException>(() => ClinicGroupLoader.Load(dir.Path));

        var messages = error.Findings.Select(f => f.Message).ToList();
        Assert.Contains("timezone is required", messages);
        Assert.Contains("position is required", messages);
        Assert.Contains("address is required", messages);
        Assert.Contains("booking_url is required", messages);
        Assert.Contains("service_lines is required", messages);
    }

    [Fact]
    public void Load_NoGroupFile_SaysWhatItIsFor()
    {
        using var dir = new TempFolder();

        var error = Assert.Throws<FileFindingsException>(() => ClinicGroupLoader.Load(dir.Path));

        Assert.Equal("group.yaml is missing: it names the group and lists its service lines and lead sources", Assert.Single(error.Findings).Message);
    }

    [Fact]
    public void FileFinding_PrintsLikeACompiler()
    {
        Assert.Equal("locations/x/location.yaml:4:11: error: bad", new FileFinding("locations/x/location.yaml", 4, 11, FindingSeverity.Error, "bad").ToString());
    }

    private static TempFolder Folder(string locationYaml)
    {
        var dir = new TempFolder();
        dir.Write("group.yaml", GroupYaml);
        dir.Write("north/location.yaml", locationYaml);
        return dir;
    }
}

