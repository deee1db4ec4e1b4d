namespace NurtureHealth.Reporting;

// The model Views/report.liquid draws: the report's numbers as the page writes them, and the charts' geometry.

/// <summary>The whole page. <c>Generated</c> is UTC, <c>yyyy-MM-dd HH:mm</c>; <c>Filter</c> is the filter as a parenthesis, or empty.</summary>
internal sealed record ReportView(string GroupName, string Generated, string Filter, ReportTotalsView Total, IReadOnlyList<FunnelChartView> Funnels,
    WeeksChartView Weeks, IReadOnlyList<DropOffChartView> DropOffs, IReadOnlyList<string> Columns, IReadOnlyList<ReportRowView> Rows,
    IReadOnlyList<CreditView> Credits, IReadOnlyList<VariantRowView> Variants)
{
    /// <summary>The after-the-booking table: its columns, and a row per location with appointments, then the total.</summary>
    public IReadOnlyList<string> VisitColumns { get; init; } = [];

    public IReadOnlyList<ReportRowView> VisitRows { get; init; } = [];
}

/// <summary>The headline numbers; <c>MedianDays</c> is empty with no booking.</summary>
internal sealed record ReportTotalsView(int Enrolled, int Sent, int Uncertain, int Clicked, int Booked, string Conversion, string MedianDays);

/// <summary>A location's funnel: leads, enrolled, clicked and booked as horizontal bars.</summary>
internal sealed record FunnelChartView(string Location, string Name, string Conversion, IReadOnlyList<FunnelBarView> Bars);

/// <summary>One bar of a funnel: <c>Measure</c> is its <c>data-measure</c>, <c>TextY</c> the baseline of its label and value, <c>ValueX</c> where the value goes.</summary>
internal sealed record FunnelBarView(string Label, string Measure, int Value, int Y, int TextY, string Width, string ValueX, string Colour);

/// <summary>Bookings per week as columns (none with no booking); <c>Summary</c> is the weeks and their bookings in words, for screen readers.</summary>
internal sealed record WeeksChartView(int Width, string Summary, IReadOnlyList<WeekBarView> Bars);

/// <summary>One week's column: <c>Middle</c> is its centre, where its number (at <c>ValueY</c>) and week are written.</summary>
internal sealed record WeekBarView(int X, string Y, int Width, string Height, int Middle, string ValueY, int Booked, string Week);

/// <summary>One sequence's messages sent per step, all locations together.</summary>
internal sealed record DropOffChartView(string Sequence, int Height, IReadOnlyList<DropOffBarView> Bars);

/// <summary>One step's bar: <c>Label</c> is the step's name cut to fit beside it.</summary>
internal sealed record DropOffBarView(int Number, string Step, string Label, int Y, int TextY, string Width, string ValueX, int Sent);

/// <summary>A location's (or the total's) row of the numbers table, one value per column.</summary>
internal sealed record ReportRowView(string Location, string Name, IReadOnlyList<string> Values);

/// <summary>Bookings credited one way (first message, last message, lead source), most first.</summary>
internal sealed record CreditView(string Title, IReadOnlyList<CreditLineView> Lines);

/// <summary>The bookings credited to one step or source.</summary>
internal sealed record CreditLineView(string Key, int Bookings);

/// <summary>A variant against the step's first on one rate.</summary>
internal sealed record VariantRowView(string Sequence, string Step, string Metric, string Baseline, string BaselineRate, int BaselineSent,
    string Variant, string VariantRate, int VariantSent, string P, bool Significant, string Verdict);
