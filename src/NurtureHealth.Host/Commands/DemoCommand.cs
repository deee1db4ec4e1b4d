using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Storage;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// <c>nurture demo</c>: imports the shipped sample leads into a fresh database in its own folder and
/// shows where every lead landed and why the rest did not. Run twice, it prints the same.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The demo's working folder (recreated each run).", DefaultValueFactory = _ => "nurture-demo" };
        var leads = new Option<string[]>("--leads")
        {
            Description = "Lead files to import.",
            DefaultValueFactory = _ => ["samples/leads.ndjson", "samples/leads.csv"],
            AllowMultipleArgumentsPerToken = true,
        };
        var locations = CommonOptions.Locations();
        var command = new Command("demo", "Import the sample leads into a fresh demo database and show where they landed.") { output, leads, locations };
        command.SetAction((result, cancellationToken) =>
        {
            var folder = Path.GetFullPath(result.GetValue(output)!);
            var database = Path.Combine(folder, "nurture.db");
            Directory.CreateDirectory(folder);
            foreach (var stale in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(stale);
            }

            var overrides = CommonOptions.Overrides(result, locations, null);
            overrides["Nurture:Storage:ConnectionString"] = $"Data Source={database}";
            return ToolHost.RunAsync(overrides, needsDatabase: true,
                (services, ct) => RunAsync(services, folder, result.GetValue(leads)!, ct), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string folder, string[] files, CancellationToken cancellationToken)
    {
        var group = services.GetRequiredService<LocationCatalog>().Group;
        var active = group.Locations.Count(l => l.Active);
        Console.WriteLine($"NurtureHealth demo for {group.Name}: {group.Locations.Count} locations ({active} active), " +
                          $"{group.Locations.Sum(l => l.Providers.Count)} providers, service lines {string.Join(", ", group.ServiceLines.Keys)}");
        Console.WriteLine($"Working folder: {folder} (fresh database each run)");
        Console.WriteLine();

        var importer = services.GetRequiredService<LeadImporter>();
        foreach (var file in files)
        {
            try
            {
                ReportPrinter.PrintImport(Console.Out, file, importer.ImportFile(file, cancellationToken), group);
            }
            catch (LeadFileException e)
            {
                await Console.Error.WriteLineAsync($"Cannot import {file}: {e.Message}");
                return ImportCommand.UnreadableFile;
            }
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync(cancellationToken);
        var byLocation = await db.Leads.Where(l => l.LocationId != null).GroupBy(l => l.LocationId!)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var unresolved = await db.Leads.Where(l => l.UnresolvedReason != null).GroupBy(l => l.UnresolvedReason!)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var contacts = await db.Contacts.CountAsync(c => c.MergedIntoId == null, cancellationToken);
        var rejected = await db.RejectedLeads.CountAsync(cancellationToken);
        Console.WriteLine($"All imports together: {byLocation.Values.Sum() + unresolved.Values.Sum()} leads from {contacts} people, {rejected} records rejected");
        ReportPrinter.PrintPlacements(Console.Out, "", byLocation, unresolved, group);
        Console.WriteLine();
        Console.WriteLine($"Database: {Path.Combine(folder, "nurture.db")}");
        return 0;
    }
}
