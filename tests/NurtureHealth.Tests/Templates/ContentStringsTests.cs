using NurtureHealth.Messaging;
using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Tests.Templates;

/// <summary>The words NurtureHealth writes itself are content: templates/_strings/LANG.yaml, one file a language.</summary>
public sealed class ContentStringsTests : IDisposable
{
    private readonly TempFolder _copy = new();

    public ContentStringsTests()
    {
        _copy.CopyFrom(TestPaths.Locations, "locations");
        _copy.CopyFrom(TestPaths.Templates, "templates");
    }

    [Fact]
    public void AThirdLanguage_IsAddingFiles_HoursSlotsAndOptOutInItsOwnWords()
    {
        _copy.Write("templates/_strings/fr.yaml", File.ReadAllText(_copy.File("templates/_strings/en.yaml"))
            .Replace("culture: en-US", "culture: fr-CA", StringComparison.Ordinal)
            .Replace("on_the_hour: \"h tt\"", "on_the_hour: \"H' h'\"", StringComparison.Ordinal)
            .Replace("with_minutes: \"h:mm tt\"", "with_minutes: \"H' h 'mm\"", StringComparison.Ordinal)
            .Replace("slots: \"ddd MMM d, h:mm tt\"", "slots: \"ddd d MMM, H' h 'mm\"", StringComparison.Ordinal)
            .Replace("provider_fallback: our care team", "provider_fallback: notre équipe de soins", StringComparison.Ordinal)
            .Replace("opt_out: Reply STOP to opt out.", "opt_out: Répondez STOP pour vous désabonner.", StringComparison.Ordinal));
        _copy.Write("templates/ad-click-quick/hello.fr.txt", "Bonjour {{ patient.first_name }}, {{ location.short_name }} vous attend : {{ location.hours }}. {{ provider.name }}.\n");

        var library = TemplateLibrary.Load(_copy.File("templates"), _copy.File("locations"));
        var words = library.StringsFor("fr-CA");
        var location = Some.ShippedGroup.Find("chicago-lincoln-park")!;
        var model = MessageRenderer.Model(Some.ShippedGroup, location, null, "Amélie", words, new LinksModel("https://go.test/l/T", "https://go.test/u/T"), "dermatology",
            [new DateTimeOffset(2026, 12, 1, 15, 30, 0, TimeSpan.Zero)]);
        var sms = MessageRenderer.RenderSms(library.Find(location.Id, "ad-click-quick", "hello", "fr-CA")!, model);

        Assert.Equal("fr", words.Language);
        Assert.StartsWith("Bonjour Amélie, Lincoln Park vous attend : lun–mar 8 h–17 h; mer 8 h–19 h;", sms.Body, StringComparison.Ordinal);
        Assert.Contains("notre équipe de soins", sms.Body, StringComparison.Ordinal);
        Assert.Equal("mar. 1 déc., 9 h 30", model.Slots.First); // the culture's own abbreviations
        Assert.EndsWith("Répondez STOP pour vous désabonner.", MessageComposer.FirstSmsRules(sms.Body, "Lakeshore Health", words), StringComparison.Ordinal);
    }

    [Fact]
    public void TemplatesInALanguageWithoutWords_AreAWarningNamingTheFileToAdd()
    {
        _copy.Write("templates/ad-click-quick/hello.de.txt", "Hallo {{ patient.first_name }}. {{ location.hours }}\n");

        TemplateLibrary.TryLoad(_copy.File("templates"), _copy.File("locations"), out var findings);

        var warning = Assert.Single(findings, f => f.Severity == FindingSeverity.Warning && f.File.EndsWith("_strings/de.yaml", StringComparison.Ordinal));
        Assert.Contains("are in English until _strings/de.yaml is added", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoEnglishWords_IsAnErrorSayingWhatTheFileHolds()
    {
        File.Delete(_copy.File("templates/_strings/en.yaml"));

        var library = TemplateLibrary.TryLoad(_copy.File("templates"), _copy.File("locations"), out var findings);

        Assert.Null(library);
        Assert.Contains(findings, f => f.Severity == FindingSeverity.Error && f.File.EndsWith("_strings/en.yaml", StringComparison.Ordinal)
            && f.Message.Contains("STOP/START/HELP replies and the staff note", StringComparison.Ordinal));
    }

    [Fact]
    public void StaffNote_ComesFromEnglishForEveryLanguage_AndKeywordRepliesFromTheirOwn()
    {
        var library = TemplateLibrary.Load(_copy.File("templates"), _copy.File("locations"));

        Assert.Equal("Lakeshore Health: se ha dado de baja y no recibirá más mensajes de texto. Responda START para volver a suscribirse.",
            library.StringsFor("es").Stopped("Lakeshore Health"));
        Assert.Equal(library.StringsFor("en").Render("staff.reply_subject", ("location", "X"), ("maybe_stop", false)),
            library.StringsFor("es").Render("staff.reply_subject", ("location", "X"), ("maybe_stop", false)));
    }

    public void Dispose() => _copy.Dispose();
}
