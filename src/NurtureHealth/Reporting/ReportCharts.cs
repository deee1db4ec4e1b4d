using System.Globalization;

namespace NurtureHealth.Reporting;

/// <summary>The report's bar charts as numbers: where each bar, label and value goes in its SVG; <c>Views/report.liquid</c> draws them.</summary>
internal static class ReportCharts
{
    private static readonly string[] FunnelColours = ["#9fb3c8", "#627d98", "#2680c2", "#27ab83"];

    /// <summary>Leads, enrolled, clicked and booked as bars up to 230 wide, each 24 high on a 31 pitch.</summary>
    public static FunnelChartView Funnel(LocationFunnel row)
    {
        (string Label, int Value)[] bars = [("Leads", row.Leads), ("Enrolled", row.Enrolled), ("Clicked", row.Clicked), ("Booked", row.Booked)];
        var max = Math.Max(1, bars.Max(b => b.Value));
        return new FunnelChartView(row.Location, row.Name, ReportText.Pct(row.ConversionRate), [.. bars.Select((bar, i) =>
        {
            var width = 230.0 * bar.Value / max;
            var y = 4 + (i * 31);
            return new FunnelBarView(bar.Label, bar.Label.ToLowerInvariant(), bar.Value, y, y + 17, Coordinate(Math.Max(width, 1)), Coordinate(70 + width + 6), FunnelColours[i]);
        })]);
    }

    /// <summary>A column per week, up to 140 high and 60 wide with 10 between.</summary>
    public static WeeksChartView Weeks(IReadOnlyList<WeekBookings> weeks)
    {
        if (weeks.Count == 0)
        {
            return new WeeksChartView(0, "", []);
        }

        var max = Math.Max(1, weeks.Max(w => w.Booked));
        var barWidth = Math.Min(60, 1000 / weeks.Count);
        var width = (weeks.Count * (barWidth + 10)) + 20;
        // The spoken summary is written in the current culture, the visible week labels in the invariant one (as it always was).
        var summary = string.Join(", ", weeks.Select(w => $"{w.Week:MMM d} {w.Booked}"));
        return new WeeksChartView(width, summary, [.. weeks.Select((week, i) =>
        {
            var height = 140.0 * week.Booked / max;
            var x = 10 + (i * (barWidth + 10));
            return new WeekBarView(x, Coordinate(150 - height), barWidth, Coordinate(height), x + (barWidth / 2), Coordinate(145 - height), week.Booked,
                week.Week.ToString("MMM d", CultureInfo.InvariantCulture));
        })]);
    }

    /// <summary>Per sequence, the messages sent at each step (all locations and variants together) as bars up to 170 wide.</summary>
    public static IReadOnlyList<DropOffChartView> DropOffs(IReadOnlyList<StepFunnel> steps) =>
    [
        .. steps.GroupBy(s => s.Sequence).Select(sequence =>
        {
            var perStep = sequence.GroupBy(s => (s.StepNumber, s.Step)).Select(g => (Number: g.Key.StepNumber, g.Key.Step, Sent: g.Sum(s => s.Sent)))
                .OrderBy(x => x.Number).ToList();
            var max = Math.Max(1, perStep.Max(s => s.Sent));
            return new DropOffChartView(sequence.Key, (perStep.Count * 28) + 8, [.. perStep.Select((step, i) =>
            {
                var width = 170.0 * step.Sent / max;
                var y = 4 + (i * 28);
                return new DropOffBarView(step.Number, step.Step, Shorten(step.Step), y, y + 15, Coordinate(Math.Max(width, 1)), Coordinate(120 + width + 6), step.Sent);
            })]);
        }),
    ];

    private static string Shorten(string text) => text.Length <= 18 ? text : text[..17] + "…";

    private static string Coordinate(double n) => n.ToString("0.#", CultureInfo.InvariantCulture);
}
