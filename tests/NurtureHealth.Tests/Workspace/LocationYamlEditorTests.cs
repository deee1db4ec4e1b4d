using NurtureHealth.Checks;
using NurtureHealth.Workspace;
using NurtureHealth.Yaml;

namespace NurtureHealth.Tests.Workspace;

public sealed class LocationYamlEditorTests
{
    private static readonly string Tempe = File.ReadAllText(Path.Combine(TestPaths.Locations, "tempe-downtown", "location.yaml"));

    [Fact]
    public void Read_TempeFile_GivesItsHoursProvidersAndNoHolidays()
    {
        var edit = LocationYamlEditor.Read(Tempe);

        Assert.Equal("07:30-16:30", edit.Hours["mon"]);
        Assert.Equal("closed", edit.Hours["sun"]);
        Assert.Empty(edit.Holidays);
        Assert.Equal(["kevin-tran", "natalie-price", "isabel-navarro"], edit.Providers.Select(p => p.Id));
        Assert.Equal(["en", "vi"], edit.Providers[0].Languages);
        Assert.True(edit.Providers[0].Accepting);
    }

    [Fact]
    public void Apply_NothingChanged_ReturnsTheTextAsItWas()
    {
        Assert.Equal(Tempe, LocationYamlEditor.Apply(Tempe, LocationYamlEditor.Read(Tempe)));
    }

    [Fact]
    public void Apply_MondayChanged_ChangesThatLineOnlyAndKeepsEverythingElse()
    {
        var edit = LocationYamlEditor.Read(Tempe);
        var hours = edit.Hours.ToDictionary();
        hours["mon"] = "08:00-12:00, 13:00-17:00";

        var after = LocationYamlEditor.Apply(Tempe, edit with { Hours = hours });

        Assert.Equal("- " + "  mon: \"07:30-16:30\"\n+ " + "  mon: \"08:00-12:00, 13:00-17:00\"",
            string.Join("\n", LineDiff.Of(Tempe, after).Split('\n').Where(l => l.StartsWith('-') || l.StartsWith('+'))));
        Assert.Equal("08:00-12:00, 13:00-17:00", LocationYamlEditor.Read(after).Hours["mon"]);
        Assert.Equal("closed", LocationYamlEditor.Read(after).Hours["sun"]);
    }

    [Fact]
    public void Apply_ProviderStopsTakingPatientsAndLearnsALanguage_ChangesTheirLinesOnly()
    {
        var edit = LocationYamlEditor.Read(Tempe);
        var providers = edit.Providers.Select(p => p.Id == "natalie-price" ? p with { Accepting = false, Languages = ["en", "es"] } : p).ToList();

        var after = LocationYamlEditor.Apply(Tempe, edit with { Providers = providers });

        var changed = LineDiff.Of(Tempe, after).Split('\n').Where(l => l.StartsWith('+')).ToList();
        Assert.Equal(["+     languages: [en, es]", "+     accepting_new_patients: false"], changed);
        var read = LocationYamlEditor.Read(after).Providers.Single(p => p.Id == "natalie-price");
        Assert.False(read.Accepting);
        Assert.Equal(["en", "es"], read.Languages);
        Assert.True(LocationYamlEditor.Read(after).Providers.Single(p => p.Id == "kevin-tran").Accepting);
    }

    [Fact]
    public void Apply_ProviderWithoutTheKey_GetsItOnANewLineUnderTheirOtherKeys()
    {
        const string Text = "id: x\nproviders:\n  - id: a\n    name: A\n  - id: b\n    name: B\nparking: here\n";
        var edit = LocationYamlEditor.Read(Text);

        var after = LocationYamlEditor.Apply(Text, edit with { Providers = [edit.Providers[0] with { Accepting = false }, edit.Providers[1]] });

        Assert.Equal("id: x\nproviders:\n  - id: a\n    name: A\n    accepting_new_patients: false\n  - id: b\n    name: B\nparking: here\n", after);
    }

    [Fact]
    public void Apply_HolidaysAddedThenCleared_AppendsTheKeyThenEmptiesIt()
    {
        var edit = LocationYamlEditor.Read(Tempe);

        var added = LocationYamlEditor.Apply(Tempe, edit with { Holidays = ["2026-12-24", "2027-01-02"] });
        var cleared = LocationYamlEditor.Apply(added, edit with { Holidays = [] });

        Assert.EndsWith("holidays: [\"2026-12-24\", \"2027-01-02\"]\n", added, StringComparison.Ordinal);
        Assert.StartsWith(Tempe, added, StringComparison.Ordinal);
        Assert.EndsWith("holidays: []\n", cleared, StringComparison.Ordinal);
        Assert.Empty(LocationYamlEditor.Read(cleared).Holidays);
    }

    [Fact]
    public void Apply_FlowStyleHours_StayOnOneLine()
    {
        const string Text = "id: x # the id\nhours: { mon: \"09:00-17:00\", tue: closed } # weekdays\n";
        var edit = LocationYamlEditor.Read(Text);
        var hours = edit.Hours.ToDictionary();
        hours["tue"] = "10:00-14:00";

        var after = LocationYamlEditor.Apply(Text, edit with { Hours = hours });

        Assert.Equal("id: x # the id\nhours: { mon: \"09:00-17:00\", tue: \"10:00-14:00\", wed: closed, thu: closed, fri: closed, sat: closed, sun: closed } # weekdays\n", after);
    }

    [Fact]
    public void Apply_Result_PassesTheCheck()
    {
        using var folder = new TempFolder();
        folder.CopyFrom(TestPaths.Locations, "locations");
        var file = folder.File("locations/tempe-downtown/location.yaml");
        var edit = LocationYamlEditor.Read(Tempe);
        var hours = edit.Hours.ToDictionary();
        hours["sat"] = "closed";
        File.WriteAllText(file, LocationYamlEditor.Apply(Tempe, edit with { Hours = hours, Holidays = ["2026-12-26"] }));

        var result = ContentCheck.Run(folder.File("locations"), TestPaths.Templates);

        Assert.DoesNotContain(result.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Contains(new DateOnly(2026, 12, 26), result.Group!.Find("tempe-downtown")!.Holidays);
    }

    [Fact]
    public void Apply_ALanguageThatIsNotACode_IsRefusedNamingIt_SoNothingElseCanBeWrittenIntoTheFile()
    {
        var edit = LocationYamlEditor.Read(Tempe);
        var crafted = "en]\nstaff_email: \"me@example.org\"\n#";
        var providers = edit.Providers.Select(p => p.Id == "kevin-tran" ? p with { Languages = [crafted] } : p).ToList();

        var e = Assert.Throws<FormatException>(() => LocationYamlEditor.Apply(Tempe, edit with { Providers = providers }));

        Assert.StartsWith("Kevin Tran, MD: 'en]", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("is not a language code; write codes such as en, es, vi, separated by commas", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAMap_SaysSo()
    {
        var e = Assert.Throws<FormatException>(() => LocationYamlEditor.Read("- a\n- b\n"));
        Assert.Contains("not a map", e.Message, StringComparison.Ordinal);
    }
}
