using System.Text.RegularExpressions;
using NurtureHealth.Checks;
using NurtureHealth.Reporting;

namespace NurtureHealth.Tests.Views;

/// <summary>The report and the preview page, drawn by the embedded Liquid views: text stays text, and both carry the one stylesheet inline.</summary>
public sealed class HtmlPagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 14, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Report_NamesWithMarkup_AreWrittenAsText()
    {
        var html = ReportWriters.ToHtml(Report("Lincoln <script>alert(1)</script> & \"Park\""), "Lakeshore <b>Health</b>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Health</b>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Lakeshore &lt;b&gt;Health&lt;/b&gt;: what converted</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Lincoln &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Park&quot;</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_AnUnknownLocationWithMarkup_IsNamedAsText()
    {
        var content = ContentCheck.Run(TestPaths.Locations, TestPaths.Templates);

        var html = PreviewPage.Render(content, "<i>nowhere</i>", "skin-guide", "guide", "en", TestPaths.Locations);

        Assert.Contains("<div class=\"problem\">there is no location &#x27;&lt;i&gt;nowhere&lt;/i&gt;&#x27;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>nowhere", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportAndPreview_CarryTheSameStylesheetInline()
    {
        var report = ReportWriters.ToHtml(Report("Lincoln Park"), "Lakeshore Health");
        var preview = PreviewPage.Render(ContentCheck.Run(TestPaths.Locations, TestPaths.Templates), null, null, null, null, TestPaths.Locations);

        var style = Stylesheet(report);
        Assert.Contains(".kpi {", style, StringComparison.Ordinal);
        Assert.Contains(".bubble {", style, StringComparison.Ordinal);
        Assert.Equal(style, Stylesheet(preview));
        Assert.Contains("<body class=\"report\">", report, StringComparison.Ordinal);
        Assert.Contains("<body class=\"preview\">", preview, StringComparison.Ordinal);
    }

    private static string Stylesheet(string html) => Assert.Single(Regex.Matches(html, "<style>(.*?)</style>", RegexOptions.Singleline)).Groups[1].Value;

    private static FunnelReport Report(string locationName)
    {
        var row = new LocationFunnel("chicago-lincoln-park", locationName, 3, 3, 3, 3, 1, 0, 1, 1, 33.3, 2.0);
        var total = row with { Location = "total", Name = "All locations" };
        var none = new Dictionary<string, int>();
        return new FunnelReport(Now, new ReportFilter(), total, [row], [], [], new Attribution(none, none, none), []);
    }
}
