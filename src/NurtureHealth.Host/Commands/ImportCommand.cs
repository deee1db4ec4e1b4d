using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Leads;
using NurtureHealth.Locations;

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
        var command = new Command("import", "Import lead files: validate, normalise, merge duplicates, place each lead, and store it.")
        {
            files, locations, database,
        };
        command.SetAction((result, cancellationToken) => ToolHost.RunAsync(
            CommonOptions.Overrides(result, locations, database),
            needsDatabase: true,
            (services, ct) => Task.FromResult(Run(services, result.GetValue(files)!, ct)),
            cancellationToken));
        return command;
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
                Console.Error.WriteLine($"Cannot import {file}: {e.Message}");
                exit = UnreadableFile;
            }
        }

        return exit;
    }
}
