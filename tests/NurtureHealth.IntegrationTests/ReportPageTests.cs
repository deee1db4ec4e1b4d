using System.Globalization;
using System.Text.Json;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests.Host;
using OpenQA.Selenium;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// The page <c>nurture demo</c> ends with, opened in headless Chromium as a clinic leader would open it: each location's
/// funnel shows the same numbers as <c>nurture report --format json</c> on the same database.
/// </summary>
public sealed class ReportPageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nurture-it", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Demo_ReportPage_ShowsEachLocationsFunnelWithTheJsonNumbers()
    {
        var demo = NurtureProcess.Run("demo", "--out", _folder);
        Assert.True(demo.ExitCode == 0, demo.Stderr);
        var page = Path.Combine(_folder, "report.html");
        Assert.Contains($"Report: {page}", demo.Stdout, StringComparison.Ordinal);
        var json = NurtureProcess.Run("report", "--db", Path.Combine(_folder, "nurture.db"), "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var report = JsonDocument.Parse(json.Stdout);

        using var browser = new Browser();
        browser.Page.Navigate().GoToUrl(new Uri(page).AbsoluteUri);
        var figures = browser.Page.FindElements(By.CssSelector("figure[data-location]"));
        var locations = report.RootElement.GetProperty("locations").EnumerateArray().ToList();
        Assert.Equal(locations.Count, figures.Count);
        foreach (var location in locations)
        {
            var id = location.GetProperty("location").GetString()!;
            var figure = browser.Page.FindElement(By.CssSelector($"figure[data-location='{id}']"));
            Assert.True(figure.Displayed);
            foreach (var measure in new[] { "leads", "enrolled", "clicked", "booked" })
            {
                var shown = figure.FindElement(By.CssSelector($"text[data-measure='{measure}']")).Text;
                Assert.Equal(location.GetProperty(measure).GetInt32().ToString(CultureInfo.InvariantCulture), shown);
            }
        }

        var total = report.RootElement.GetProperty("total");
        Assert.StartsWith(total.GetProperty("booked").GetInt32().ToString(CultureInfo.InvariantCulture), browser.Page.FindElement(By.Id("total-booked")).Text, StringComparison.Ordinal);
        Assert.True(total.GetProperty("booked").GetInt32() > 0, "the demo's patients include bookers");
        Assert.NotEmpty(browser.Page.FindElements(By.CssSelector("section svg rect")));
        var shot = browser.Screenshot("report.png");
        Assert.True(new FileInfo(shot).Length > 10_000);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
