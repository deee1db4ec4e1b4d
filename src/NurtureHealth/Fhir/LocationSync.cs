using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Locations.Sync;
using NurtureHealth.Yaml;

namespace NurtureHealth.Fhir;

/// <summary>
/// <c>nurture locations sync</c>: reads the group's Locations, PractitionerRoles and Practitioners from the FHIR server and
/// writes or updates the <c>locations/</c> files through <see cref="LocationSyncPlanner"/>, keeping location managers' edits,
/// then checks that the folder still loads. Only the reading is FHIR's; the merging lives with the locations.
/// </summary>
public sealed partial class LocationSync(FhirConnection fhir, IOptions<FhirOptions> options, TimeProvider clock, ILogger<LocationSync> logger)
{
    /// <summary>
    /// Syncs the folder. Throws <see cref="FhirUnavailableException"/> when the server cannot be read (nothing is written
    /// then), and <see cref="FileFindingsException"/> when group.yaml or a location file is not readable YAML.
    /// </summary>
    public async Task<LocationSyncReport> SyncAsync(string folder, bool dryRun, CancellationToken cancellationToken = default)
    {
        var local = LocalFolder.Read(folder);
        IReadOnlyList<LocationInFhir> read;
        int roles;
        try
        {
            (read, roles) = await FhirDirectory.ReadAsync(fhir.Open(), options.Value, local.Specialties, cancellationToken);
        }
        catch (Exception e) when (FhirErrors.IsExpected(e))
        {
            // The caller prints the exception's message; the log keeps the event for hosts that embed the library.
            var why = FhirErrors.Describe(e);
            LogFailed(logger, why);
            var detail = e is HttpRequestException { InnerException: { } inner } ? $" ({inner.Message})" : "";
            throw new FhirUnavailableException(
                $"Cannot read the clinic's locations from the FHIR server at {options.Value.BaseUrl}: {why}{detail}. " +
                "Check Nurture:Fhir:BaseUrl and that the server is up; nothing was written.", e);
        }

        var settings = new SyncSettings(options.Value.LocationIdentifierSystem, !string.IsNullOrEmpty(options.Value.LocationSearch));
        var plan = LocationSyncPlanner.Plan(local, read, settings, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var written = 0;
        IReadOnlyList<FileFinding> findings;
        if (dryRun)
        {
            findings = SyncFiles.LoadAsIfWritten(folder, plan.Writes);
        }
        else
        {
            foreach (var (path, text) in plan.Writes)
            {
                SyncFiles.Write(path, text);
                written += Path.GetFileName(path) == ClinicGroupLoader.LocationFileName ? 1 : 0;
            }

            ClinicGroupLoader.TryLoad(folder, out findings);
        }

        var report = new LocationSyncReport(plan.Lines, read.Count, roles, dryRun, written, findings);
        LogSynced(logger, read.Count, roles, report.Count(SyncLineKind.Change), report.Count(SyncLineKind.Conflict), report.Count(SyncLineKind.Created), written);
        return report;
    }

    [LoggerMessage(EventId = 5017, Level = LogLevel.Information, Message = "Locations sync: {Locations} FHIR Locations and {Roles} PractitionerRoles read; {Changes} changes, {Conflicts} conflicts, {Created} locations created; {Written} files written")]
    private static partial void LogSynced(ILogger logger, int locations, int roles, int changes, int conflicts, int created, int written);

    [LoggerMessage(EventId = 5018, Level = LogLevel.Information, Message = "Locations sync could not read the FHIR server: {Reason}; nothing was written")]
    private static partial void LogFailed(ILogger logger, string reason);
}
