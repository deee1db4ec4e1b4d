using System.Globalization;
using NurtureHealth.Views;
using static NurtureHealth.Reporting.ReportText;

namespace NurtureHealth.Reporting;

/// <summary>The HTML report (<see cref="ReportWriters.ToHtml"/>): the report as a <see cref="ReportView"/>, drawn by <c>Views/report.liquid</c>.</summary>
internal static class ReportPage
{
    private static readonly HtmlView View = new("report.liquid",
        typeof(ReportView), typeof(ReportTotalsView), typeof(FunnelChartView), typeof(FunnelBarView), typeof(WeeksChartView), typeof(WeekBarView),
        typeof(DropOffChartView), typeof(DropOffBarView), typeof(ReportRowView), typeof(CreditView), typeof(CreditLineView), typeof(VariantRowView));

    public static string Render(FunnelReport report, string groupName) => View.Render(Model(report, groupName));

    public static ReportView Model(FunnelReport report, string groupName)
    {
        var t = report.Total;
        return new ReportView(
            groupName,
            report.GeneratedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            Describe(report.Filter),
            new ReportTotalsView(t.Enrolled, t.Sent, t.Uncertain, t.Clicked, t.Booked, Pct(t.ConversionRate), t.MedianDaysToBook is { } m ? Num(m) : ""),
            [.. report.Locations.Select(ReportCharts.Funnel)],
            ReportCharts.Weeks(report.Weeks),
            ReportCharts.DropOffs(report.Steps),
            Columns,
            [.. report.Locations.Append(report.Total).Select(r => new ReportRowView(r.Location, r.Name, Values(r)))],
            [Credit("First message", report.Attribution.FirstTouch), Credit("Last message", report.Attribution.LastTouch), Credit("Lead source", report.Attribution.Source)],
            [.. report.Variants.Select(v => new VariantRowView(v.Sequence, v.Step, v.Metric, v.Baseline, Pct(v.BaselineRate), v.BaselineSent,
                v.Variant, Pct(v.VariantRate), v.VariantSent, v.P.ToString("0.####", CultureInfo.InvariantCulture), v.Significant, Verdict(v)))])
        {
            VisitColumns = VisitColumns,
            VisitRows = [.. report.Visits.Select(v => new ReportRowView(v.Location, v.Location, Values(v)))],
        };
    }

    private static CreditView Credit(string title, IReadOnlyDictionary<string, int> counts) =>
        new(title, [.. counts.Select(c => new CreditLineView(c.Key, c.Value))]);
}
