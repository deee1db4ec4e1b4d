using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Tracking;

namespace NurtureHealth.Host.Commands;

/// <summary><c>nurture import FILE…</c>: imports lead files and prints what was accepted, merged and rejected.</summary>
internal static class ImportCommand
{
    /// <summary>Exit code when a file cannot be read at all.</summary>
    public const int UnreadableFile = 1;

    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "NDJSON (.ndjson, .jsonl) or CSV (.csv) lead files.", Arity = ArgumentArity.OneOrMore };
        var locations = CommonOptions.Locations();
        var database = CommonOptions.Database();
        var events = new Option<bool>("--events") { Description = "The files hold patient events (booked, opted-out, opened, clicked, replied, opted-in), not leads." };
        var command = new Command("import", "Import lead files (validate, normalise, merge duplicates, place and store each lead), or with --events, patient events.")
        {
            files, locations, database, events,
        };
        command.SetAction((result, cancellationToken) => ToolHost.RunAsync(
            CommonOptions.Overrides(result, locations, database),
            needsDatabase: true,
            (services, ct) => result.GetValue(events) ? RunEventsAsync(services, result.GetValue(files)!, ct) : Task.FromResult(Run(services, result.GetValue(files)!, ct)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunEventsAsync(IServiceProvider services, string[] files, CancellationToken cancellationToken)
    {
        var importer = services.GetRequiredService<EventImporter>();
        var exit = 0;
        foreach (var file in files)
        {
            try
            {
                var report = await importer.ImportFileAsync(file, cancellationToken);
                var applied = report.Applied.Count == 0 ? "none" : string.Join(", ", report.Applied.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Value} {kv.Key}"));
                Console.WriteLine($"Imported events from {TerminalText.Safe(file)}: applied {applied}; {report.Duplicates} already recorded; {report.Rejected.Count} rejected");
                foreach (var (line, reason) in report.Rejected)
                {
                    Console.WriteLine($"  line {line}: {TerminalText.Safe(reason)}");
                }
            }
            catch (LeadFileException e)
            {
                await Console.Error.WriteLineAsync($"Cannot import {TerminalText.Safe(file)}: {TerminalText.Safe(e.Message)}");
                exit = UnreadableFile;
            }
        }

        return exit;
    }

    private static int Run(IServiceProvider services, string[] files, CancellationToken cancellationToken)
    {
        var importer = services.GetRequiredService<LeadImporter>();
        var group = services.GetRequiredService<LocationCatalog>().Group;
        var exit = 0;
        foreach (var file in files)
        {
            try
            {
                var report = importer.ImportFile(file, cancellationToken);
                ReportPrinter.PrintImport(Console.Out, file, report, group);
            }
            catch (LeadFileException e)
            {
                Console.Error.WriteLine($"Cannot import {TerminalText.Safe(file)}: {TerminalText.Safe(e.Message)}");
                exit = UnreadableFile;
            }
        }

        return exit;
    }
}
