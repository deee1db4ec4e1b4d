using System.Diagnostics;
using System.Globalization;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests;
using OpenQA.Selenium;
using OpenQA.Selenium.Support.UI;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// The preview page (<c>nurture preview --serve</c>) in headless Chromium, as a location manager uses it: pick a location,
/// sequence, step and language from the lists, see the email and the text as a patient would, and see a mistake in their
/// own files listed after saving it.
/// </summary>
public sealed class PreviewPageTests : IDisposable
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "nurture-it", Guid.NewGuid().ToString("N"));

    public PreviewPageTests()
    {
        foreach (var (from, to) in new[] { (TestPaths.Locations, "locations"), (TestPaths.Templates, "templates") })
        {
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(_copy, to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    [Fact]
    public async Task Serve_PickingLocationStepAndLanguage_ShowsTheOverrideTheBubbleAndTheLocationsFindings()
    {
        var port = TestServers.FreePort();
        using var server = Start(port);
        using var stop = new Stopper(server);
        await TestServers.WaitForPortAsync(port, server, "nurture preview --serve", TimeSpan.FromSeconds(60));
        using var browser = new Browser();
        var page = browser.Page;
        var wait = new WebDriverWait(page, TimeSpan.FromSeconds(20));

        // Pilsen's own Spanish check-in text, chosen from the lists.
        page.Navigate().GoToUrl($"http://127.0.0.1:{port}/");
        Choose(page, wait, "location", "chicago-pilsen");
        Choose(page, wait, "sequence", "skin-guide");
        Choose(page, wait, "step", "check-in");
        Choose(page, wait, "lang", "es");
        var bubble = wait.Until(p => p.FindElement(By.Id("sms")));
        Assert.Contains("18 y Blue Island", bubble.Text, StringComparison.Ordinal);
        Assert.Contains("Responda STOP para cancelar.", bubble.Text, StringComparison.Ordinal);
        Assert.Matches(@"^2 parts · \d+ characters, UCS-2 because of 'ó'", page.FindElement(By.Id("sms-size")).Text);
        Assert.Contains("locations/chicago-pilsen/templates/skin-guide/check-in.es.txt", page.PageSource, StringComparison.Ordinal);
        Assert.Contains("this location's own version", page.PageSource, StringComparison.Ordinal);
        AssertPng(browser.Screenshot("preview-sms.png"));

        // The booking email at Lincoln Park in English: the group's template, inside the layout.
        Choose(page, wait, "location", "chicago-lincoln-park");
        Choose(page, wait, "step", "book");
        Choose(page, wait, "lang", "en");
        Assert.Equal("Alex, shall we find you a time?", wait.Until(p => p.FindElement(By.Id("subject"))).Text);
        page.SwitchTo().Frame(page.FindElement(By.Id("email")));
        var body = page.FindElement(By.TagName("body")).Text;
        Assert.Contains("Hi Alex,", body, StringComparison.Ordinal);
        Assert.Contains("Book your consultation", body, StringComparison.Ordinal);
        Assert.Contains("2400 N Lincoln Ave", body, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe", body, StringComparison.Ordinal);
        page.SwitchTo().DefaultContent();
        Assert.Equal("No problems found.", page.FindElement(By.Id("no-findings")).Text);
        AssertPng(browser.Screenshot("preview-page.png"));

        // The manager saves a curly quote into Lincoln Park's own text; on reload their finding is listed (and not Pilsen's page's).
        var own = Path.Combine(_copy, "locations", "chicago-lincoln-park", "templates", "skin-guide", "check-in.en.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(own)!);
        await File.WriteAllTextAsync(own, "Hi {{ patient.first_name }}, it’s {{ location.short_name }}. Questions? Call {{ location.phone_display }}. Reply STOP to opt out.");
        page.Navigate().Refresh();
        var finding = wait.Until(p => p.FindElements(By.CssSelector("#findings li.warning")).FirstOrDefault(li => li.Text.Contains("makes this text UCS-2", StringComparison.Ordinal)));
        Assert.Contains("locations/chicago-lincoln-park/templates/skin-guide/check-in.en.txt:1:32", finding.Text, StringComparison.Ordinal);
        Choose(page, wait, "location", "chicago-pilsen");
        Assert.DoesNotContain("chicago-lincoln-park/templates/skin-guide/check-in.en.txt", page.PageSource, StringComparison.Ordinal);

        // A mistake that stops everything: the page says so and lists it.
        var location = Path.Combine(_copy, "locations", "chicago-pilsen", "location.yaml");
        await File.WriteAllTextAsync(location, (await File.ReadAllTextAsync(location)).Replace("timezone: America/Chicago", "timezone: Chicago", StringComparison.Ordinal));
        page.Navigate().Refresh();
        Assert.Contains("The files have errors", page.FindElement(By.TagName("h2")).Text, StringComparison.Ordinal);
        Assert.Contains("timezone 'Chicago' is not an IANA time zone", page.FindElement(By.CssSelector("#findings li.error")).Text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_copy, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private Process Start(int port)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _copy, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "nurture.dll"), "preview", "--serve", "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Choose(IWebDriver page, WebDriverWait wait, string select, string value)
    {
        var before = page.FindElement(By.TagName("form"));
        var element = new SelectElement(page.FindElement(By.Id(select)));
        if (element.SelectedOption.GetAttribute("value") == value)
        {
            return;
        }

        element.SelectByValue(value); // the page submits itself on change
        wait.Until(p =>
        {
            try
            {
                _ = before.Displayed;
                return false;
            }
            catch (StaleElementReferenceException)
            {
                return new SelectElement(p.FindElement(By.Id(select))).SelectedOption.GetAttribute("value") == value;
            }
        });
    }

    private sealed class Stopper(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{path} is too small to be a screenshot of the page");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
    }
}
