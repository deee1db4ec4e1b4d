using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

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

    private static readonly string[] Columns = ["leads", "enrolled", "sent", "uncertain", "delivered", "clicked", "replied", "booked", "opted out", "conversion %", "median days to book"];

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
        csv.Append("level,location,sequence,step_number,step,variant,leads,enrolled,sent,uncertain,delivered,clicked,replied,booked,opted_out,conversion_rate,median_days_to_book,click_rate,booking_rate\r\n");
        foreach (var row in report.Locations.Append(report.Total))
        {
            csv.Append(string.Join(',', row == report.Total ? "total" : "location", Field(row.Location), "", "", "", "", Num(row.Leads), Num(row.Enrolled), Num(row.Sent),
                Num(row.Uncertain), Num(row.Delivered), Num(row.Clicked), Num(row.Replied), Num(row.Booked), Num(row.OptedOut), Num(row.ConversionRate),
                row.MedianDaysToBook is { } d ? Num(d) : "", "", "")).Append("\r\n");
        }

        foreach (var s in report.Steps)
        {
            csv.Append(string.Join(',', "step", Field(s.Location), Field(s.Sequence), Num(s.StepNumber), Field(s.Step), Field(s.Variant ?? ""), "", "", Num(s.Sent), Num(s.Uncertain), Num(s.Delivered),
                Num(s.Clicked), Num(s.Replied), Num(s.Booked), Num(s.OptedOut), "", "", Num(s.ClickRate), Num(s.BookingRate))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// One self-contained page for a clinic leader: a funnel per location, bookings by week, step drop-off per sequence
    /// (inline SVG, drawn here), the tables, attribution and A/B tests. No scripts, fonts or images from anywhere.
    /// </summary>
    public static string ToHtml(FunnelReport report, string groupName)
    {
        var h = new StringBuilder();
        h.Append("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            """);
        h.Append(CultureInfo.InvariantCulture, $"<title>{E(groupName)} — what converted</title>");
        h.Append("""
            <style>
              body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; margin: 0; background: #f5f7fa; }
              header { background: #243b53; color: #fff; padding: 18px 28px; } header h1 { margin: 0; font-size: 22px; } header p { margin: 4px 0 0; color: #bcccdc; }
              main { padding: 20px 28px; max-width: 1200px; }
              .kpis { display: flex; flex-wrap: wrap; gap: 14px; margin-bottom: 20px; }
              .kpi { background: #fff; border: 1px solid #d9e2ec; border-radius: 10px; padding: 12px 16px; min-width: 140px; }
              .kpi b { display: block; font-size: 26px; } .kpi span { color: #52606d; font-size: 13px; }
              section { background: #fff; border: 1px solid #d9e2ec; border-radius: 10px; padding: 16px 20px; margin-bottom: 20px; }
              h2 { font-size: 17px; margin: 0 0 4px; } .note { color: #52606d; font-size: 13px; margin: 0 0 12px; }
              .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 16px; }
              figure { margin: 0; } figcaption { font-weight: 600; font-size: 14px; margin-bottom: 4px; }
              table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { padding: 5px 8px; border-bottom: 1px solid #e4e7eb; text-align: right; }
              th:first-child, td:first-child { text-align: left; } th { background: #f0f4f8; }
              .sig { color: #0c6b58; font-weight: 600; } .insig { color: #7b8794; }
              @media print { body { background: #fff; } section, .kpi { break-inside: avoid; border-color: #999; } }
            </style></head><body>
            """);
        h.Append(CultureInfo.InvariantCulture, $"<header><h1>{E(groupName)}: what converted</h1><p>Generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC{E(Describe(report.Filter))}</p></header><main>");
        var t = report.Total;
        h.Append("<div class=\"kpis\">");
        Kpi(h, "total-enrolled", Num(t.Enrolled), "patients enrolled");
        Kpi(h, "total-sent", Num(t.Sent), "messages sent");
        if (t.Uncertain > 0)
        {
            Kpi(h, "total-uncertain", Num(t.Uncertain), "may have been sent (uncertain)");
        }

        Kpi(h, "total-clicked", Num(t.Clicked), "clicked through");
        Kpi(h, "total-booked", Num(t.Booked), "booked a consultation");
        Kpi(h, "total-conversion", Pct(t.ConversionRate) + "%", "of enrolled patients booked");
        Kpi(h, "total-median", t.MedianDaysToBook is { } m ? Num(m) + " days" : "—", "median time to book");
        h.Append("</div>");

        h.Append("<section><h2>Funnel by location</h2><p class=\"note\">Leads placed at each location, then the patients enrolled, those who clicked, and those who booked.</p><div class=\"grid\">");
        foreach (var row in report.Locations)
        {
            FunnelChart(h, row);
        }

        h.Append("</div></section>");

        h.Append("<section><h2>Bookings by week</h2><p class=\"note\">Week starting Monday, by when the booking was made.</p>");
        WeeksChart(h, report.Weeks);
        h.Append("</section>");

        h.Append("<section><h2>Where patients drop off</h2><p class=\"note\">Messages sent at each step of each sequence, all locations together: the fall from one step to the next is the drop-off.</p><div class=\"grid\">");
        foreach (var sequence in report.Steps.GroupBy(s => s.Sequence))
        {
            DropOffChart(h, sequence.Key, sequence.GroupBy(s => (s.StepNumber, s.Step)).Select(g => (g.Key.StepNumber, g.Key.Step, g.Sum(s => s.Sent), g.Sum(s => s.Booked))).OrderBy(x => x.StepNumber).ToList());
        }

        h.Append("</div></section>");

        h.Append("<section><h2>The numbers</h2><table id=\"locations\"><thead><tr><th>location</th>");
        foreach (var column in Columns)
        {
            h.Append(CultureInfo.InvariantCulture, $"<th>{E(column)}</th>");
        }

        h.Append("</tr></thead><tbody>");
        foreach (var row in report.Locations.Append(report.Total))
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr data-location=\"{E(row.Location)}\"><td>{E(row.Name)}</td>");
            foreach (var value in Values(row))
            {
                h.Append(CultureInfo.InvariantCulture, $"<td>{E(value)}</td>");
            }

            h.Append("</tr>");
        }

        h.Append("</tbody></table></section>");

        h.Append("<section><h2>What gets the credit</h2><p class=\"note\">Each booking is credited to the first message the patient got, to the last one they clicked before booking (else the last one sent), and to where the lead came from.</p><div class=\"grid\">");
        Credit(h, "First message", report.Attribution.FirstTouch);
        Credit(h, "Last message", report.Attribution.LastTouch);
        Credit(h, "Lead source", report.Attribution.Source);
        h.Append("</div></section>");

        if (report.Variants.Count > 0)
        {
            h.Append("<section><h2>A/B tests</h2><p class=\"note\">Each variant against the step's first, per message sent; two-proportion z-test, significant when p &lt; 0.05.</p><table><thead><tr><th>step</th><th>measure</th><th>baseline</th><th>variant</th><th>p</th><th>verdict</th></tr></thead><tbody>");
            foreach (var v in report.Variants)
            {
                h.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(v.Sequence)}/{E(v.Step)}</td><td>{E(v.Metric)}</td><td>{E(v.Baseline)}: {Pct(v.BaselineRate)}% of {v.BaselineSent}</td><td>{E(v.Variant)}: {Pct(v.VariantRate)}% of {v.VariantSent}</td><td>{v.P.ToString("0.####", CultureInfo.InvariantCulture)}</td><td class=\"{(v.Significant ? "sig" : "insig")}\">{E(Verdict(v))}</td></tr>");
            }

            h.Append("</tbody></table></section>");
        }

        h.Append("</main></body></html>");
        return h.ToString();
    }

    private static void FunnelChart(StringBuilder h, LocationFunnel row)
    {
        (string Label, int Value)[] bars = [("Leads", row.Leads), ("Enrolled", row.Enrolled), ("Clicked", row.Clicked), ("Booked", row.Booked)];
        var max = Math.Max(1, bars.Max(b => b.Value));
        h.Append(CultureInfo.InvariantCulture, $"<figure data-location=\"{E(row.Location)}\"><figcaption>{E(row.Name)} — {Pct(row.ConversionRate)}% booked</figcaption>");
        h.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{E(row.Name)}: {string.Join(", ", bars.Select(b => $"{b.Label} {b.Value}"))}\" viewBox=\"0 0 340 128\" width=\"100%\">");
        string[] colours = ["#9fb3c8", "#627d98", "#2680c2", "#27ab83"];
        for (var i = 0; i < bars.Length; i++)
        {
            var width = 230.0 * bars[i].Value / max;
            var y = 4 + (i * 31);
            h.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 17}\" font-size=\"12\" fill=\"#52606d\">{bars[i].Label}</text><rect x=\"70\" y=\"{y}\" width=\"{Math.Max(width, 1):0.#}\" height=\"24\" rx=\"3\" fill=\"{colours[i]}\"/>");
            h.Append(CultureInfo.InvariantCulture,
                $"<text class=\"value\" data-measure=\"{bars[i].Label.ToLowerInvariant()}\" x=\"{70 + width + 6:0.#}\" y=\"{y + 17}\" font-size=\"12\" font-weight=\"600\">{bars[i].Value}</text>");
        }

        h.Append("</svg></figure>");
    }

    private static void WeeksChart(StringBuilder h, IReadOnlyList<WeekBookings> weeks)
    {
        if (weeks.Count == 0)
        {
            h.Append("<p>No bookings yet.</p>");
            return;
        }

        var max = Math.Max(1, weeks.Max(w => w.Booked));
        var barWidth = Math.Min(60, 1000 / weeks.Count);
        var width = (weeks.Count * (barWidth + 10)) + 20;
        h.Append(CultureInfo.InvariantCulture, $"<figure><svg role=\"img\" aria-label=\"Bookings by week: {string.Join(", ", weeks.Select(w => $"{w.Week:MMM d} {w.Booked}"))}\" viewBox=\"0 0 {width} 190\" width=\"100%\" style=\"max-width:{width}px\">");
        for (var i = 0; i < weeks.Count; i++)
        {
            var height = 140.0 * weeks[i].Booked / max;
            var x = 10 + (i * (barWidth + 10));
            h.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x}\" y=\"{150 - height:0.#}\" width=\"{barWidth}\" height=\"{height:0.#}\" rx=\"3\" fill=\"#27ab83\"/><text x=\"{x + (barWidth / 2)}\" y=\"{145 - height:0.#}\" font-size=\"12\" text-anchor=\"middle\" font-weight=\"600\">{weeks[i].Booked}</text><text x=\"{x + (barWidth / 2)}\" y=\"168\" font-size=\"11\" text-anchor=\"middle\" fill=\"#52606d\">{weeks[i].Week.ToString("MMM d", CultureInfo.InvariantCulture)}</text>");
        }

        h.Append("</svg></figure>");
    }

    private static void DropOffChart(StringBuilder h, string sequence, List<(int Number, string Step, int Sent, int Booked)> steps)
    {
        var max = Math.Max(1, steps.Max(s => s.Sent));
        var height = (steps.Count * 28) + 8;
        h.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{E(sequence)}</figcaption><svg role=\"img\" aria-label=\"{E(sequence)}: {E(string.Join(", ", steps.Select(s => $"step {s.Number} {s.Step} {s.Sent} sent")))}\" viewBox=\"0 0 340 {height}\" width=\"100%\">");
        for (var i = 0; i < steps.Count; i++)
        {
            var width = 170.0 * steps[i].Sent / max;
            var y = 4 + (i * 28);
            h.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 15}\" font-size=\"11\" fill=\"#52606d\">{steps[i].Number}. {E(Shorten(steps[i].Step))}</text><rect x=\"120\" y=\"{y}\" width=\"{Math.Max(width, 1):0.#}\" height=\"20\" rx=\"3\" fill=\"#627d98\"/><text x=\"{120 + width + 6:0.#}\" y=\"{y + 15}\" font-size=\"11\" font-weight=\"600\">{steps[i].Sent}</text>");
        }

        h.Append("</svg></figure>");
    }

    private static void Credit(StringBuilder h, string title, IReadOnlyDictionary<string, int> counts)
    {
        h.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{E(title)}</figcaption><table><tbody>");
        foreach (var (key, n) in counts)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(key)}</td><td>{n}</td></tr>");
        }

        h.Append(counts.Count == 0 ? "<tr><td>no bookings yet</td><td></td></tr>" : "").Append("</tbody></table></figure>");
    }

    private static void Kpi(StringBuilder h, string id, string value, string label) =>
        h.Append(CultureInfo.InvariantCulture, $"<div class=\"kpi\" id=\"{id}\"><b>{E(value)}</b><span>{E(label)}</span></div>");

    private static IEnumerable<string> Values(LocationFunnel r) =>
    [
        Num(r.Leads), Num(r.Enrolled), Num(r.Sent), Num(r.Uncertain), Num(r.Delivered), Num(r.Clicked), Num(r.Replied), Num(r.Booked), Num(r.OptedOut),
        Pct(r.ConversionRate), r.MedianDaysToBook is { } d ? Num(d) : "—",
    ];

    private static string Verdict(VariantComparison v) => v.Significant
        ? $"{(v.VariantRate > v.BaselineRate ? v.Variant : v.Baseline)} wins (significant)"
        : "no significant difference yet";

    private static string Describe(ReportFilter f)
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

    private static string List(IReadOnlyDictionary<string, int> counts) => counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));

    private static string Shorten(string text) => text.Length <= 18 ? text : text[..17] + "…";

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Num(double n) => n.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Pct(double n) => n.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
