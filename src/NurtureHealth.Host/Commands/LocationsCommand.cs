using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Fhir;
using NurtureHealth.Locations;

using NurtureHealth.Locations.Sync;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// <c>nurture locations sync [--locations DIR] [--dry-run]</c>: brings the location files up to date with the clinic's
/// FHIR server, keeping location managers' edits, and prints one line per change, conflict or note, then a summary.
/// </summary>
internal static class LocationsCommand
{
    /// <summary>Exit code when the FHIR server cannot be read (distinct from 1, an unreadable file, and 2, bad configuration or files).</summary>
    public const int FhirUnavailable = 3;

    public static Command Create()
    {
        var locations = CommonOptions.Locations();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change without writing any file." };
        var sync = new Command("sync", "Update the location files from the FHIR server (Nurture:Fhir:BaseUrl): names, positions, addresses, phones and providers; " +
                                       "location managers' own edits are kept and reported as conflicts.")
        {
            locations, dryRun,
        };
        sync.SetAction((result, cancellationToken) => ToolHost.RunAsync(
            CommonOptions.Overrides(result, locations, null),
            needsDatabase: false,
            (host, ct) => RunAsync(host.Services, result.GetValue(dryRun), ct),
            // The tool prints its own lines; HttpClient's per-request log would only add noise to stderr.
            services => services.AddLogging(logging => logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)),
            cancellationToken));
        return new Command("locations", "Work with the location files.") { sync };
    }

    private static async Task<int> RunAsync(IServiceProvider services, bool dryRun, CancellationToken cancellationToken)
    {
        var fhir = services.GetRequiredService<IOptions<FhirOptions>>().Value;
        if (!fhir.Enabled)
        {
            await Console.Error.WriteLineAsync("Configuration is not valid:");
            await Console.Error.WriteLineAsync("  Nurture:Fhir:BaseUrl is not set: the sync needs the FHIR server's base address, such as https://ehr.example.org/fhir/R4.");
            return ToolHost.ConfigurationError;
        }

        var folder = services.GetRequiredService<IOptions<LocationsOptions>>().Value.Path;
        LocationSyncReport report;
        try
        {
            report = await services.GetRequiredService<LocationSync>().SyncAsync(folder, dryRun, cancellationToken);
        }
        catch (FhirUnavailableException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return FhirUnavailable;
        }

        foreach (var line in report.Lines)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine(report.Summary);
        if (report.LoadFindings.Count > 0)
        {
            await Console.Error.WriteLineAsync(report.LoadFailed
                ? $"The locations folder {(dryRun ? "would not load" : "does not load")} after the sync; fix these and run again:"
                : "The locations folder loads, with warnings:");
            foreach (var finding in report.LoadFindings)
            {
                await Console.Error.WriteLineAsync("  " + finding);
            }
        }

        return report.LoadFailed ? ToolHost.ConfigurationError : 0;
    }
}
