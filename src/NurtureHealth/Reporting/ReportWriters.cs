using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using static NurtureHealth.Reporting.ReportText;

namespace NurtureHealth.Reporting;

/// <summary>The funnel report as a terminal table, CSV, JSON or one self-contained HTML page — all from one <see cref="FunnelReport"/>.</summary>
public static class ReportWriters
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>JSON: the report object, snake_case; numbers are numbers, rates are percentages.</summary>
    public static string ToJson(FunnelReport report) => JsonSerializer.Serialize(report, Json);

    /// <summary>Aligned columns for a terminal.</summary>
    public static string ToTable(FunnelReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Funnel by location{Describe(report.Filter)}");
        var width = Math.Max(8, report.Locations.Select(l => l.Location.Length).DefaultIfEmpty(0).Max());
        text.AppendLine(CultureInfo.InvariantCulture, $"{"location".PadRight(width)}  {string.Join("  ", Columns.Select(c => c.PadLeft(Math.Max(c.Length, 6))))}");
        foreach (var row in report.Locations.Append(report.Total))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{row.Location.PadRight(width)}  {string.Join("  ", Values(row).Select((v, i) => v.PadLeft(Math.Max(Columns[i].Length, 6))))}");
        }

        if (report.Visits.Count > 1)
        {
            text.AppendLine();
            text.AppendLine("After the booking (show rate: attended ÷ attended and missed)");
            text.AppendLine(CultureInfo.InvariantCulture, $"{"location".PadRight(width)}  {string.Join("  ", VisitColumns)}");
            foreach (var row in report.Visits)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{row.Location.PadRight(width)}  {string.Join("  ", Values(row).Select((v, i) => v.PadLeft(VisitColumns[i].Length)))}");
            }
        }

        text.AppendLine();
        text.AppendLine("By step (booked: bookings whose last touch was this step)");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"location".PadRight(width)}  {"sequence/step",-28} {"variant",-10} {"sent",6} {"uncertain",9} {"delivered",9} {"clicked",7} {"replied",7} {"booked",6} {"opted out",9} {"click %",7} {"book %",6}");
        foreach (var s in report.Steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{s.Location.PadRight(width)}  {$"{s.Sequence}/{s.StepNumber}. {s.Step}",-28} {s.Variant ?? "—",-10} {s.Sent,6} {s.Uncertain,9} {s.Delivered,9} {s.Clicked,7} {s.Replied,7} {s.Booked,6} {s.OptedOut,9} {Pct(s.ClickRate),7} {Pct(s.BookingRate),6}");
        }

        text.AppendLine();
        text.AppendLine("Bookings credited to the first message: " + List(report.Attribution.FirstTouch));
        text.AppendLine("Bookings credited to the last message:  " + List(report.Attribution.LastTouch));
        text.AppendLine("Bookings by lead source:               " + List(report.Attribution.Source));
        if (report.Variants.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("A/B tests (each variant against the first; two-proportion z-test)");
            foreach (var v in report.Variants)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{v.Sequence}/{v.Step} {v.Metric}: {v.Baseline} {Pct(v.BaselineRate)}% of {v.BaselineSent} vs {v.Variant} {Pct(v.VariantRate)}% of {v.VariantSent}, p = {v.P.ToString("0.####", CultureInfo.InvariantCulture)} — {Verdict(v)}");
            }
        }

        return text.ToString();
    }

    /// <summary>CSV (RFC 4180): one row per location, the total, and one per step; the <c>level</c> column says which.</summary>
    public static string ToCsv(FunnelReport report)
    {
        var csv = new StringBuilder();
        csv.Append("level,location,sequence,step_number,step,variant,leads,enrolled,sent,uncertain,delivered,clicked,replied,booked,opted_out,conversion_rate,median_days_to_book,click_rate,booking_rate,"
            + "appointments,reminders_sent,confirmed,rescheduled,cancelled,rebooked,no_shows,recovered,attended,show_rate\r\n");
        foreach (var row in report.Locations.Append(report.Total))
        {
            csv.Append(string.Join(',', row == report.Total ? "total" : "location", Field(row.Location), "", "", "", "", Num(row.Leads), Num(row.Enrolled), Num(row.Sent),
                Num(row.Uncertain), Num(row.Delivered), Num(row.Clicked), Num(row.Replied), Num(row.Booked), Num(row.OptedOut), Num(row.ConversionRate),
                row.MedianDaysToBook is { } d ? Num(d) : "", "", "", "", "", "", "", "", "", "", "", "", "")).Append("\r\n");
        }

        foreach (var s in report.Steps)
        {
            csv.Append(string.Join(',', "step", Field(s.Location), Field(s.Sequence), Num(s.StepNumber), Field(s.Step), Field(s.Variant ?? ""), "", "", Num(s.Sent), Num(s.Uncertain), Num(s.Delivered),
                Num(s.Clicked), Num(s.Replied), Num(s.Booked), Num(s.OptedOut), "", "", Num(s.ClickRate), Num(s.BookingRate), "", "", "", "", "", "", "", "", "", "")).Append("\r\n");
        }

        foreach (var v in report.Visits)
        {
            csv.Append(string.Join(',', v.Location == "total" ? "visit-total" : "visit", Field(v.Location), "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
                Num(v.Booked), Num(v.RemindersSent), Num(v.Confirmed), Num(v.Rescheduled), Num(v.Cancelled), Num(v.Rebooked), Num(v.NoShows), Num(v.Recovered), Num(v.Attended),
                v.ShowRate is { } rate ? Num(rate) : "")).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// One self-contained page for a clinic leader: a funnel per location, bookings by week, step drop-off per sequence
    /// (inline SVG), the tables, attribution and A/B tests. No scripts, fonts or images from anywhere.
    /// </summary>
    public static string ToHtml(FunnelReport report, string groupName) => ReportPage.Render(report, groupName);

    private static string List(IReadOnlyDictionary<string, int> counts) => counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
