using System.Globalization;

namespace NurtureHealth.Reporting;

/// <summary>What the table and the HTML page say alike: the columns and a row's values, the filter, an A/B test's verdict, and how numbers are written.</summary>
internal static class ReportText
{
    /// <summary>The per-location columns after the location.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["leads", "enrolled", "sent", "uncertain", "delivered", "clicked", "replied", "booked", "opted out", "conversion %", "median days to book"];

    /// <summary>A location's (or the total's) values, one per column.</summary>
    public static IReadOnlyList<string> Values(LocationFunnel r) =>
    [
        Num(r.Leads), Num(r.Enrolled), Num(r.Sent), Num(r.Uncertain), Num(r.Delivered), Num(r.Clicked), Num(r.Replied), Num(r.Booked), Num(r.OptedOut),
        Pct(r.ConversionRate), r.MedianDaysToBook is { } d ? Num(d) : "—",
    ];

    /// <summary>The after-the-booking columns after the location.</summary>
    public static IReadOnlyList<string> VisitColumns { get; } = ["booked", "reminders sent", "confirmed", "rescheduled", "cancelled", "re-booked", "no-shows", "recovered", "attended", "show rate %"];

    /// <summary>A location's (or the total's) visit values, one per visit column.</summary>
    public static IReadOnlyList<string> Values(VisitFunnel v) =>
    [
        Num(v.Booked), Num(v.RemindersSent), Num(v.Confirmed), Num(v.Rescheduled), Num(v.Cancelled), Num(v.Rebooked), Num(v.NoShows), Num(v.Recovered), Num(v.Attended),
        v.ShowRate is { } rate ? Pct(rate) : "—",
    ];

    public static string Verdict(VariantComparison v) => v.Significant
        ? $"{(v.VariantRate > v.BaselineRate ? v.Variant : v.Baseline)} wins (significant)"
        : "no significant difference yet";

    /// <summary>The filter as a parenthesis after a title, or nothing when the report counts everything.</summary>
    public static string Describe(ReportFilter f)
    {
        var parts = new List<string>();
        if (f.Since is { } s)
        {
            parts.Add($"enrolled from {s:yyyy-MM-dd}");
        }

        if (f.Until is { } u)
        {
            parts.Add($"before {u:yyyy-MM-dd}");
        }

        if (f.Location is { } l)
        {
            parts.Add($"location {l}");
        }

        if (f.Sequence is { } q)
        {
            parts.Add($"sequence {q}");
        }

        return parts.Count == 0 ? "" : " (" + string.Join(", ", parts) + ")";
    }

    public static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string Num(double n) => n.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Pct(double n) => n.ToString("0.0", CultureInfo.InvariantCulture);
}
