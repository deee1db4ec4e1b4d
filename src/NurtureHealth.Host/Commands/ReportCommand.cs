using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Locations;
using NurtureHealth.Reporting;
using NurtureHealth.Storage;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// <c>nurture report</c>: what converted — per location, sequence, step and variant — as a table, CSV, JSON or one HTML
/// page. Exit 0, 2 for bad usage.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since") { HelpName = "YYYY-MM-DD", Description = "Only enrollments from this date (YYYY-MM-DD, UTC)." };
        var until = new Option<string?>("--until") { HelpName = "YYYY-MM-DD", Description = "Only enrollments before this date (YYYY-MM-DD, UTC)." };
        var location = new Option<string?>("--location") { HelpName = "ID", Description = "Only this location." };
        var sequence = new Option<string?>("--sequence") { HelpName = "ID", Description = "Only this sequence." };
        var format = new Option<string>("--format") { HelpName = "table|csv|json|html", Description = "table, csv, json or html.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json", "html");
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Write to this file instead of the screen." };
        var locations = CommonOptions.Locations();
        var database = CommonOptions.Database();
        var command = new Command("report", "Report what converted: per location, sequence, step and variant.") { since, until, location, sequence, format, output, locations, database };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TryDate(result.GetValue(since), "--since", out var from) || !TryDate(result.GetValue(until), "--until", out var to))
            {
                return ToolHost.ConfigurationError;
            }

            return await ToolHost.RunAsync(CommonOptions.Overrides(result, locations, database), needsDatabase: false, async (services, ct) =>
            {
                if (await ToolHost.RequireExistingDatabaseAsync(services, ct) is { } missing)
                {
                    return missing;
                }

                var group = services.GetRequiredService<LocationCatalog>().Group;
                var filter = new ReportFilter(from, to, result.GetValue(location), result.GetValue(sequence));
                if (filter.Location is { } l && group.Find(l) is null)
                {
                    await Console.Error.WriteLineAsync($"There is no location '{l}'; there are: {string.Join(", ", group.Locations.Select(x => x.Id))}");
                    return ToolHost.ConfigurationError;
                }

                var path = await WriteAsync(services, group, filter, result.GetValue(format)!, result.GetValue(output), ct);
                if (path is not null)
                {
                    Console.WriteLine($"Wrote {path}");
                }

                return 0;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>Builds the report and writes it in a format to a file (returned) or the console (null).</summary>
    public static async Task<string?> WriteAsync(IServiceProvider services, ClinicGroup group, ReportFilter filter, string format, string? path, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync(cancellationToken);
        var report = await FunnelReport.BuildAsync(db, group, filter, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        var text = format switch
        {
            "csv" => ReportWriters.ToCsv(report),
            "json" => ReportWriters.ToJson(report),
            "html" => ReportWriters.ToHtml(report, group.Name),
            _ => ReportWriters.ToTable(report),
        };
        if (path is null)
        {
            Console.Write(text);
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, text, cancellationToken);
        return path;
    }

    private static bool TryDate(string? text, string option, out DateTimeOffset? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        Console.Error.WriteLine($"{option} '{text}' is not a date: write it as YYYY-MM-DD, such as 2026-11-01");
        return false;
    }
}
