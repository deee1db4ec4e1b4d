using NurtureHealth.Leads;
using NurtureHealth.Locations;

namespace NurtureHealth.Host.Commands;

/// <summary>Prints import results for people: counts, every rejection with its line and reason, where leads landed.</summary>
internal static class ReportPrinter
{
    private const int MaxListedRejections = 60;

    public static void PrintImport(TextWriter output, string file, ImportReport report, ClinicGroup group)
    {
        output.WriteLine($"Imported {TerminalText.Safe(file)} ({report.Format.ToString().ToLowerInvariant()}) as import {report.ImportId}");
        output.WriteLine($"  {report.Records} records: {report.Accepted} accepted ({report.NewContacts} new contacts, " +
                         $"{report.Merged} merged into a known contact), {report.Rejected} rejected");
        if (report.Rejected > 0)
        {
            output.WriteLine();
            output.WriteLine("  Rejected, by reason:");
            foreach (var (code, count) in report.RejectedByReason)
            {
                var lines = report.Rejections.Where(r => r.Code == code).Select(r => r.Line).Take(12).ToList();
                output.WriteLine($"    {code,-26} {count,5}   line{(count == 1 ? "" : "s")} {string.Join(", ", lines)}{(count > lines.Count ? ", …" : "")}");
            }

            output.WriteLine();
            output.WriteLine("  Rejected records (kept in the database, table rejected_leads, with their raw text):");
            foreach (var rejection in report.Rejections.Take(MaxListedRejections))
            {
                output.WriteLine($"    {TerminalText.Safe(rejection.ToString())}");
            }

            if (report.Rejected > MaxListedRejections)
            {
                output.WriteLine($"    … and {report.Rejected - MaxListedRejections} more");
            }
        }

        if (report.Accepted > 0)
        {
            output.WriteLine();
            PrintPlacements(output, "  ", report.ResolvedByLocation, report.UnresolvedByReason, group);
        }

        output.WriteLine();
    }

    public static void PrintPlacements(TextWriter output, string indent, IReadOnlyDictionary<string, int> byLocation,
        IReadOnlyDictionary<string, int> unresolved, ClinicGroup group)
    {
        var width = Math.Max(8, group.Locations.Max(l => l.Id.Length));
        output.WriteLine($"{indent}Placed, by location:");
        foreach (var location in group.Locations.Where(l => byLocation.ContainsKey(l.Id) || l.Active))
        {
            var count = byLocation.GetValueOrDefault(location.Id);
            output.WriteLine($"{indent}  {location.Id.PadRight(width)} {count,5}   {location.Name}{(location.Active ? "" : " (inactive)")}");
        }

        var placed = byLocation.Values.Sum();
        var notPlaced = unresolved.Values.Sum();
        output.WriteLine($"{indent}  {"total".PadRight(width)} {placed,5}");
        if (notPlaced > 0)
        {
            output.WriteLine();
            output.WriteLine($"{indent}Not placed (unresolved), by reason:");
            foreach (var (code, count) in unresolved.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"{indent}  {code.PadRight(width)} {count,5}   {Explain(code)}");
            }
        }
    }

    private static string Explain(string code) => code switch
    {
        "no-position" => "no coordinates and no postal code",
        "unknown-zip" => "postal code not in the 2021 Census ZCTA list",
        "beyond-max-distance" => "nearest location offering the service line is beyond the maximum distance",
        "service-line-not-offered" => "no active location offers the service line",
        _ => "",
    };
}
