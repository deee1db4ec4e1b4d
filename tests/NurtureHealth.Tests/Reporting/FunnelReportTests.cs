using System.Text.Json;
using System.Text.RegularExpressions;
using NurtureHealth.Cycle;
using NurtureHealth.Leads;
using NurtureHealth.Reporting;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;

namespace NurtureHealth.Tests.Reporting;

/// <summary>The funnel report's numbers against a fixture small enough to count by hand, and its four formats agreeing.</summary>
public sealed class FunnelReportTests : IDisposable
{
    private readonly NurtureServices _services = new();

    /// <summary>
    /// Four leads: three placed at Lincoln Park (two guide downloads, one web form), one at Pilsen. Each gets its first
    /// email. Ana clicks it and books two days later; Bea opts out; Cal does nothing; Dee (Pilsen) clicks and books after
    /// four days.
    /// </summary>
    private async Task<FunnelReport> FixtureAsync(ReportFilter? filter = null)
    {
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write("leads.ndjson", string.Join("\n",
            Lead("ana", "60614", "guide-download"), Lead("bea", "60614", "guide-download"), Lead("cal", "60614", "web-form"), Lead("dee", "60608", "guide-download"))));
        await _services.Get<Enroller>().EnrollPendingAsync();
        await _services.Get<NurtureCycle>().SendDueAsync();
        var recorder = _services.Get<EventRecorder>();
        var start = _services.Clock.GetUtcNow();
        using (var db = _services.Db())
        {
            long Touch(string email) => db.Touches.Single(t => t.Status == TouchStatus.Sent && db.Contacts.Any(c => c.Id == t.ContactId && c.Email == email)).Id;
            long Contact(string email) => db.Contacts.Single(c => c.Email == email).Id;
            await recorder.RecordAsync(new NewContactEvent(Contact("ana@example.com"), ContactEventType.Clicked, Channel.Email, start.AddHours(3), "test", "c-ana", Touch("ana@example.com")));
            await recorder.RecordAsync(new NewContactEvent(Contact("ana@example.com"), ContactEventType.Booked, null, start.AddDays(2), "test", "b-ana"));
            await recorder.RecordAsync(new NewContactEvent(Contact("bea@example.com"), ContactEventType.OptedOut, null, start.AddDays(1), "test", "o-bea", Touch("bea@example.com")));
            await recorder.RecordAsync(new NewContactEvent(Contact("dee@example.com"), ContactEventType.Clicked, Channel.Email, start.AddHours(5), "test", "c-dee", Touch("dee@example.com")));
            await recorder.RecordAsync(new NewContactEvent(Contact("dee@example.com"), ContactEventType.Booked, null, start.AddDays(4), "test", "b-dee"));
        }

        using var read = _services.Db();
        return await FunnelReport.BuildAsync(read, Some.ShippedGroup, filter ?? new ReportFilter(), start.AddDays(5));
    }

    [Fact]
    public async Task Build_Fixture_MatchesTheHandCount()
    {
        var report = await FixtureAsync();

        var lincoln = report.Locations.Single(l => l.Location == "chicago-lincoln-park");
        Assert.Equal(new LocationFunnel("chicago-lincoln-park", "Lakeshore Health — Lincoln Park", 3, 3, 3, 3, 1, 0, 1, 1, 33.3, 2.0), lincoln);
        var pilsen = report.Locations.Single(l => l.Location == "chicago-pilsen");
        Assert.Equal((1, 1, 1, 1, 100.0, (double?)4.0), (pilsen.Enrolled, pilsen.Clicked, pilsen.Booked, pilsen.Sent, pilsen.ConversionRate, pilsen.MedianDaysToBook));
        Assert.Equal((4, 4, 2, 2, 1, 50.0, (double?)3.0), (report.Total.Enrolled, report.Total.Sent, report.Total.Clicked, report.Total.Booked, report.Total.OptedOut,
            report.Total.ConversionRate, report.Total.MedianDaysToBook));

        var guide = report.Steps.Single(s => s.Location == "chicago-lincoln-park" && s.Step == "guide");
        Assert.Equal((1, "skin-guide", 3, 1, 1, 1, 33.3, 33.3), (guide.StepNumber, guide.Sequence, guide.Sent, guide.Clicked, guide.Booked, guide.OptedOut, guide.ClickRate, guide.BookingRate));
        Assert.Equal(new Dictionary<string, int> { ["skin-guide/guide"] = 2 }, report.Attribution.FirstTouch);
        Assert.Equal(new Dictionary<string, int> { ["skin-guide/guide"] = 2 }, report.Attribution.LastTouch);
        Assert.Equal(new Dictionary<string, int> { ["guide-download"] = 2 }, report.Attribution.Source);
        Assert.Equal(2, Assert.Single(report.Weeks).Booked);
    }

    [Fact]
    public async Task Build_UncertainMessage_IsCountedOnItsOwnNotAsSentOrDelivered()
    {
        await FixtureAsync();
        using (var db = _services.Db())
        {
            var cal = db.Touches.Single(t => t.Status == TouchStatus.Sent && db.Contacts.Any(c => c.Id == t.ContactId && c.Email == "cal@example.com"));
            (cal.Status, cal.SentAt, cal.SendingAt) = (TouchStatus.Uncertain, null, _services.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        using var read = _services.Db();
        var report = await FunnelReport.BuildAsync(read, Some.ShippedGroup, new ReportFilter(), _services.Clock.GetUtcNow().AddDays(5));

        var lincoln = report.Locations.Single(l => l.Location == "chicago-lincoln-park");
        Assert.Equal((2, 1, 2), (lincoln.Sent, lincoln.Uncertain, lincoln.Delivered));
        Assert.Equal((3, 1), (report.Total.Sent, report.Total.Uncertain));
        var guide = report.Steps.Single(s => s.Location == "chicago-lincoln-park" && s.Step == "guide");
        Assert.Equal((2, 1), (guide.Sent, guide.Uncertain));
        Assert.Contains("\"uncertain\": 1", ReportWriters.ToJson(report), StringComparison.Ordinal);
        Assert.Contains("id=\"total-uncertain\"", ReportWriters.ToHtml(report, "Lakeshore Health"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_Filters_NarrowTheEnrollmentsCounted()
    {
        Assert.Equal(1, (await FixtureAsync(new ReportFilter(Location: "chicago-pilsen"))).Total.Enrolled);
        using var db = _services.Db();
        var now = _services.Clock.GetUtcNow();
        Assert.Equal(0, (await FunnelReport.BuildAsync(db, Some.ShippedGroup, new ReportFilter(Since: now.AddDays(1)), now)).Total.Enrolled);
        Assert.Equal(4, (await FunnelReport.BuildAsync(db, Some.ShippedGroup, new ReportFilter(Since: now.AddDays(-1), Until: now.AddDays(1)), now)).Total.Enrolled);
        Assert.Equal(0, (await FunnelReport.BuildAsync(db, Some.ShippedGroup, new ReportFilter(Sequence: "smile-consult"), now)).Total.Enrolled);
    }

    [Fact]
    public async Task Formats_AllCarryTheSameNumbers_AndTheHtmlIsSelfContained()
    {
        var report = await FixtureAsync();

        using var json = JsonDocument.Parse(ReportWriters.ToJson(report));
        var total = json.RootElement.GetProperty("total");
        Assert.Equal(4, total.GetProperty("enrolled").GetInt32());
        Assert.Equal(50.0, total.GetProperty("conversion_rate").GetDouble());
        Assert.Equal(2, json.RootElement.GetProperty("attribution").GetProperty("source").GetProperty("guide-download").GetInt32());

        var csv = ReportWriters.ToCsv(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("level,location,sequence,step_number,step,variant,leads,enrolled,sent,uncertain,delivered,clicked,replied,booked,opted_out,conversion_rate,median_days_to_book,click_rate,booking_rate,"
            + "appointments,reminders_sent,confirmed,rescheduled,cancelled,rebooked,no_shows,recovered,attended,show_rate", csv[0]);
        Assert.Contains("location,chicago-lincoln-park,,,,,3,3,3,0,3,1,0,1,1,33.3,2,,,,,,,,,,,,", csv);
        Assert.Contains("total,total,,,,,4,4,4,0,4,2,0,2,1,50,3,,,,,,,,,,,,", csv);

        var html = ReportWriters.ToHtml(report, "Lakeshore Health");
        Assert.DoesNotMatch(@"(?i)(src|href)\s*=\s*""(https?:)?//", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (var location in report.Locations)
        {
            var figure = Regex.Match(html, $@"<figure data-location=""{location.Location}"">.*?</figure>", RegexOptions.Singleline).Value;
            var shown = Regex.Matches(figure, @"data-measure=""(\w+)""[^>]*>(\d+)<").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(new Dictionary<string, int> { ["leads"] = location.Leads, ["enrolled"] = location.Enrolled, ["clicked"] = location.Clicked, ["booked"] = location.Booked }, shown);
        }

        var table = ReportWriters.ToTable(report);
        Assert.Matches(@"chicago-lincoln-park\s+3\s+3\s+3\s+0\s+3\s+1\s+0\s+1\s+1\s+33\.3\s+2", table);
    }

    [Fact]
    public void Csv_FieldWithACommaOrQuote_IsQuoted()
    {
        var step = new StepFunnel("loc", "seq", 1, "a,b \"c\"", null, 1, 1, 0, 0, 0, 0, 0, 0);
        var report = new FunnelReport(Some.Now, new ReportFilter(), new LocationFunnel("total", "All", 0, 0, 1, 1, 0, 0, 0, 0, 0, null), [], [step], [],
            new Attribution(new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<string, int>()), []);

        Assert.Contains("step,loc,seq,1,\"a,b \"\"c\"\"\",,,,1,0,1,0,0,0,0,,,0,0", ReportWriters.ToCsv(report));
    }

    public void Dispose() => _services.Dispose();

    private static string Lead(string id, string zip, string source) =>
        $$$"""{"id":"{{{id}}}","submitted_at":"2026-11-20T15:04:05Z","source":"{{{source}}}","service_line":"dermatology","first_name":"{{{char.ToUpperInvariant(id[0]) + id[1..]}}}","email":"{{{id}}}@example.com","phone":null,"postal_code":"{{{zip}}}","language":"en","consent":{"email":true,"sms":false,"at":"2026-11-20T15:04:05Z"}}""";
}
