using NurtureHealth.Tests.Host;

namespace NurtureHealth.Tests.Checks;

/// <summary><c>nurture preview</c> as a location manager runs it: what a patient would get, and where each part came from.</summary>
public sealed class PreviewCliTests : IDisposable
{
    private readonly TempFolder _out = new();

    [Fact]
    public void Preview_LocationWithItsOwnSpanishText_NamesTheOverrideAndMeasuresTheText()
    {
        var result = NurtureProcess.Run("preview", "--location", "chicago-pilsen", "--sequence", "skin-guide", "--step", "2", "--lang", "es");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Lakeshore Health — Pilsen · skin-guide step 2 'check-in' (SMS, awareness) · es", result.Stdout);
        Assert.Contains("locations/chicago-pilsen/templates/skin-guide/check-in.es.txt — this location's own version", result.Stdout);
        Assert.Contains("Hola Alex,", result.Stdout);
        Assert.Contains("Responda STOP para cancelar.", result.Stdout);
        Assert.Matches(@"SMS: 2 parts, UCS-2 because of 'ó', \d+ characters", result.Stdout);
    }

    [Fact]
    public void Preview_GroupEmailWithOut_NamesTheGroupTemplateAndLayoutAndWritesTheFiles()
    {
        var result = NurtureProcess.Run("preview", "--location", "chicago-lincoln-park", "--sequence", "skin-guide", "--step", "book", "--out", _out.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("templates/skin-guide/book.en.md — the group's template", result.Stdout);
        Assert.Contains("templates/_layouts/email.en.html — shared by the group", result.Stdout);
        Assert.Contains("Subject: Alex, shall we find you a time?", result.Stdout);
        var html = File.ReadAllText(_out.File("email.html"));
        Assert.Contains("https://example.invalid/preview/booking-link", html);
        Assert.Contains("2400 N Lincoln Ave", html);
        Assert.StartsWith("Subject: Alex, shall we find you a time?\nPreview text: ", File.ReadAllText(_out.File("email.txt")));
    }

    [Fact]
    public void Preview_ForARealLead_UsesTheirFirstNameLanguageLocationAndProvider()
    {
        Assert.Equal(0, NurtureProcess.Run("import", "samples/leads.ndjson", "--db", _out.File("n.db")).ExitCode);

        var result = NurtureProcess.Run("preview", "--lead", "web-000334", "--sequence", "skin-guide", "--step", "guide", "--db", _out.File("n.db"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Lakeshore Health — Maryvale · skin-guide step 1 'guide' (email, awareness) · es", result.Stdout);
        Assert.Contains("Guadalupe (the lead's first name only), matched to Miguel Santos", result.Stdout);
        Assert.Contains("Hola, Guadalupe", result.Stdout);
        Assert.DoesNotContain("Rivera", result.Stdout);
        Assert.DoesNotContain("missing teeth", result.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--location", "chicago-pilsn", "--sequence", "skin-guide", "--step", "2" }, 1, "there is no location 'chicago-pilsn'; did you mean 'chicago-pilsen'?")]
    [InlineData(new[] { "--location", "chicago-pilsen", "--sequence", "skin-guide", "--step", "9" }, 1, "skin-guide has steps 1 to 6; there is no step 9")]
    [InlineData(new[] { "--location", "chicago-pilsen", "--sequence", "skin-guide", "--step", "1", "--channel", "sms" }, 1, "step 'guide' of skin-guide is an email, not sms")]
    [InlineData(new[] { "--location", "chicago-pilsen", "--sequence", "skin-guide" }, 2, "Say what to preview")]
    public void Preview_WrongRequest_SaysWhatIsWrong(string[] arguments, int exitCode, string message)
    {
        var result = NurtureProcess.Run(["preview", .. arguments]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    public void Dispose() => _out.Dispose();
}
