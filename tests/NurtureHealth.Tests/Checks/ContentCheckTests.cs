using NurtureHealth.Checks;
using NurtureHealth.Tests.Host;
using NurtureHealth.Yaml;

namespace NurtureHealth.Tests.Checks;

/// <summary>
/// <c>nurture check</c>: each class of mistake a location manager or marketer can make, seeded one at a time into a copy
/// of the shipped files, is reported at the right file and line; the shipped files have no errors.
/// </summary>
public sealed class ContentCheckTests : IDisposable
{
    private const string LincolnPark = "locations/chicago-lincoln-park/location.yaml";
    private readonly TempFolder _copy = new();

    public ContentCheckTests()
    {
        _copy.CopyFrom(TestPaths.Locations, "locations");
        _copy.CopyFrom(TestPaths.Templates, "templates");
    }

    [Fact]
    public void Run_ShippedSamples_HaveNoErrors()
    {
        var result = ContentCheck.Run(TestPaths.Locations, TestPaths.Templates);

        Assert.False(result.HasErrors, string.Join("\n", result.Findings));
        Assert.True(result.Findings.Count <= 3, "the samples should need almost no warnings:\n" + string.Join("\n", result.Findings));
        Assert.NotNull(result.Sequences);
    }

    [Theory]
    // YAML: unknown key with did-you-mean, wrong type, missing required field, time zone, region, duplicates, references, hours.
    [InlineData(LincolnPark, "hours:", "houres:", 11, "unknown key 'houres'; did you mean 'hours'?")]
    [InlineData(LincolnPark, "lincoln-park?provider={provider}", "lincoln-park", 45, "must be a full https:// address with {provider} where the provider's id goes")]
    [InlineData(LincolnPark, "lat: 41.9214", "lat: north", 5, "position.lat must be a number, not 'north'")]
    [InlineData(LincolnPark, "phone: \"+13125550142\"\n", "", 1, "phone is required")]
    [InlineData(LincolnPark, "timezone: America/Chicago", "timezone: Chicago/Lincoln", 4, "timezone 'Chicago/Lincoln' is not an IANA time zone")]
    [InlineData(LincolnPark, "lat: 41.9214, lon: -87.6513", "lat: -87.6513, lon: 41.9214", 5, "outside the group's region")]
    [InlineData(LincolnPark, "  - id: daniel-okafor", "  - id: ana-ruiz", 26, "provider id 'ana-ruiz' is already used")]
    [InlineData(LincolnPark, "name: Lakeshore Health — Lincoln Park\n", "name: Lakeshore Health — Lincoln Park\nname: Lincoln Park\n", 3, "'name' is written twice in this part of the file; keep one")]
    [InlineData(LincolnPark, "specialties: [prosthodontics]", "specialties: [prosthodontic]", 35, "'prosthodontic' is under no service line in group.yaml; did you mean 'prosthodontics'?")]
    [InlineData(LincolnPark, "service_lines: [dermatology, dental-implants]", "service_lines: [dermatology, dental-implant]", 10, "service line 'dental-implant' is not in group.yaml; did you mean 'dental-implants'?")]
    [InlineData(LincolnPark, "mon: \"08:00-17:00\"", "mon: \"8 till 5\"", 12, "hours.mon: '8 till 5' is not a time span")]
    [InlineData("templates/skin-guide/sequence.yaml", "  - id: check-in", "  - id: guide", 15, "step id 'guide' is used twice")]
    // Liquid: syntax, unknown variable, unknown filter.
    [InlineData("templates/skin-guide/guide.en.md", "Hi {{ patient.first_name }},", "Hi {{ patient.first_name },", 5, "Liquid syntax error")]
    [InlineData("templates/skin-guide/guide.en.md", "Hi {{ patient.first_name }},", "Hi {{ patient.frist_name }},", 5, "unknown variable 'patient.frist_name'; did you mean 'patient.first_name'?")]
    [InlineData("templates/skin-guide/guide.en.md", "Hi {{ patient.first_name }},", "Hi {{ patient.first_name | upcaes }},", 5, "unknown filter 'upcaes'; did you mean 'upcase'?")]
    // What a message must carry: a booking link in a decision step; the layout's unsubscribe link and address.
    [InlineData("templates/skin-guide/book.en.md", "[**Book your consultation**]({{ links.booking }})", "Call us to book.", 1, "decision step of skin-guide, but this message has no booking link")]
    [InlineData("templates/_layouts/email.en.txt", "Unsubscribe with one click: {{ links.unsubscribe }}", "Thanks for reading.", 1, "no unsubscribe link")]
    [InlineData("templates/_layouts/email.en.html", "{{ location.address }}", "{{ location.city }}", 1, "no postal address")]
    // Texts: over the segment budget, naming the character that made it UCS-2.
    [InlineData("templates/skin-guide/check-in.en.txt", "Did the guide arrive OK?", "Did the guide arrive OK? We’d love to hear how the first week went, what worked, what didn't, and whether anything surprised you. Tell us anytime, day or night.", 1, "over the budget of 2")]
    // The words outside templates (templates/_strings): a value the text does not offer, a culture .NET does not know.
    [InlineData("templates/_strings/en.yaml", "resubscribed: \"{{ group }}", "resubscribed: \"{{ grup }}", 17, "sms.resubscribed: unknown value 'grup'; did you mean 'group'?")]
    [InlineData("templates/_strings/es.yaml", "culture: es-US", "culture: es-Martian", 4, "culture: 'es-Martian' is not a culture .NET knows")]
    [InlineData("templates/_strings/en.yaml", "hours:\n  on_the_hour: \"h tt\"", "hours:\n  on_the_hour: \"h tt\"\n  on_the_half_hour: \"h:mm\"", 11, "unknown key 'hours.on_the_half_hour'")]
    public void Run_SeededMistake_IsAnErrorAtItsFileAndLine(string file, string from, string to, int line, string message)
    {
        Seed(file, from, to);

        var result = Check();

        var errors = result.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        Assert.True(errors.Count > 0, "no error for the mistake");
        Assert.Contains(errors, f => f.File.Replace('\\', '/').EndsWith(file, StringComparison.Ordinal) && f.Line == line && f.Message.Contains(message, StringComparison.Ordinal));
        Assert.Null(result.Sequences); // nothing with errors is ever used
    }

    [Theory]
    [InlineData("templates/skin-guide/check-in.en.txt", "it's {{ group.name }} {{ location.short_name }}. Did the guide arrive OK? Questions? Call {{ location.phone_display }}.", "it’s {{ location.short_name }}.", 1, 32, "'’' makes this text UCS-2, so each part holds 70 characters instead of 160; type ' instead")]
    [InlineData("templates/skin-guide/check-in.en.txt", "Did the guide arrive OK?", "Did the guide help your acne?", 1, 103, "'acne' in a text message says something about the patient's health")]
    [InlineData("templates/skin-guide/book.en.md", "subject: \"{{ patient.first_name }}, shall we find you a time?\"", "subject: \"{{ patient.first_name }}, about your rosacea\"", 2, 48, "'rosacea' in an email subject")]
    [InlineData("templates/skin-guide/check-in.en.txt", " Reply STOP to opt out.", "", 1, 1, "first text of skin-guide and says nothing about opting out")]
    public void Run_SeededWarning_IsAWarningAtItsLineAndColumn(string file, string from, string to, int line, int column, string message)
    {
        Seed(file, from, to);

        var result = Check();

        Assert.Contains(result.Findings, f => f.Severity == FindingSeverity.Warning && f.File.Replace('\\', '/').EndsWith(file, StringComparison.Ordinal)
            && f.Line == line && f.Column == column && f.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_MissingTranslationAndOrphanOverride_AreWarningsNamingTheFile()
    {
        File.Delete(_copy.File("templates/skin-guide/ready.es.txt"));
        _copy.Write("locations/chicago-pilsen/templates/skin-guide/chek-in.en.txt", "Hi {{ patient.first_name }}. Reply STOP to opt out.");

        var result = Check();

        Assert.Contains(result.Findings, f => f.Severity == FindingSeverity.Warning && f.File.EndsWith("ready.en.txt", StringComparison.Ordinal)
            && f.Message.Contains("no Spanish version: add templates/skin-guide/ready.es.txt", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Severity == FindingSeverity.Warning && f.File.EndsWith("chek-in.en.txt", StringComparison.Ordinal)
            && f.Message.Contains("no group template behind it", StringComparison.Ordinal));
    }

    [Fact]
    public void Cli_Mistake_PrintsCompilerStyleLinesAndExitsOne()
    {
        Seed(LincolnPark, "timezone: America/Chicago", "timezone: Chicago");

        var result = NurtureProcess.Run("check", _copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"(?m)^.*locations/chicago-lincoln-park/location\.yaml:4:11: error: timezone 'Chicago' is not an IANA time zone such as America/Chicago$", result.Stdout);
        Assert.Matches(@"(?m)^1 error, \d+ warnings? in \d+ files \(\d+ ms\)\.$", result.Stdout);
    }

    [Fact]
    public void Cli_ShippedSamples_ExitZeroAndMissingFolders_ExitTwo()
    {
        var ok = NurtureProcess.Run("check");
        Assert.Equal(0, ok.ExitCode);
        Assert.Matches(@"0 errors|No problems", ok.Stdout);

        var missing = NurtureProcess.Run("check", _copy.File("nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("run nurture check in the folder holding locations/ and templates/", missing.Stderr);
    }

    public void Dispose() => _copy.Dispose();

    private ContentCheckResult Check() => ContentCheck.Run(_copy.File("locations"), _copy.File("templates"));

    private void Seed(string file, string from, string to)
    {
        var path = _copy.File(file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
