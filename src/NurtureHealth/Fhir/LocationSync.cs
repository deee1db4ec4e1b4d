using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Yaml;

namespace NurtureHealth.Fhir;

/// <summary>
/// <c>nurture locations sync</c>: reads the group's Locations, PractitionerRoles and Practitioners from the FHIR server and
/// writes or updates the <c>locations/</c> files, keeping location managers' edits (see <see cref="LocationMerge"/>), then
/// checks that the folder still loads.
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

        var plan = Plan(local, read, options.Value, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
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

    /// <summary>Decides every change without writing anything: the lines to print and the files to write.</summary>
    internal static SyncPlan Plan(LocalFolder local, IReadOnlyList<LocationInFhir> read, FhirOptions options, DateOnly today)
    {
        var lines = new List<SyncLine>();
        var writes = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new ProviderIds(local.ProviderIds);
        var folderIds = new HashSet<string>(local.Locations.Select(l => l.Id), StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<LocationInFhir>();
        foreach (var fhirLocation in read)
        {
            var (match, how) = Match(local, read, fhirLocation, claimed, options);
            if (match is null)
            {
                pending.Add(fhirLocation);
                continue;
            }

            claimed.Add(match.Id);
            var yaml = match.Yaml;
            var baseline = SyncBaseline.Read(match.Folder, out var problem);
            var before = yaml.Text;
            if (problem is not null)
            {
                lines.Add(new SyncLine(match.Display, SyncLineKind.Note, problem));
            }

            if (how is not null)
            {
                yaml.Set(["fhir_id"], LocationMerge.FhirId(fhirLocation.FhirId), "id");
                lines.Add(new SyncLine(match.Display, SyncLineKind.Linked, $"linked to FHIR Location/{fhirLocation.FhirId} ({how})"));
            }

            lines.AddRange(fhirLocation.Notes.Select(n => new SyncLine(match.Display, SyncLineKind.Note, $"Location/{fhirLocation.FhirId}: {n}")));
            LocationMerge.Merge(yaml, baseline, fhirLocation, match.Display, ids, lines);
            if (yaml.Text != before)
            {
                writes[match.Path] = yaml.Text;
            }

            SyncFiles.Stage(writes, match.Folder, baseline);
        }

        foreach (var fhirLocation in pending)
        {
            NewLocationFile.Plan(local, fhirLocation, folderIds, ids, today, lines, writes);
        }

        foreach (var orphan in local.Locations.Where(l => l.FhirId is not null && !claimed.Contains(l.Id)))
        {
            var twin = local.Locations.FirstOrDefault(l => l.FhirId == orphan.FhirId && claimed.Contains(l.Id));
            lines.Add(new SyncLine(orphan.Display, SyncLineKind.Note, twin is not null
                ? $"fhir_id {orphan.FhirId} is also {twin.Id}'s, which was synced; not synced (a Location belongs in one file: remove the fhir_id from one)"
                : $"Location/{orphan.FhirId} was not found on the FHIR server{(string.IsNullOrEmpty(options.LocationSearch) ? "" : " (with Nurture:Fhir:LocationSearch)")}; left as it is"));
        }

        foreach (var coding in read.SelectMany(l => l.Providers).SelectMany(p => p.UnmappedSpecialties).Distinct().Order(StringComparer.Ordinal))
        {
            lines.Add(new SyncLine("FHIR", SyncLineKind.Note,
                $"specialty {coding} maps to no specialty in group.yaml; map it with Nurture:Fhir:SpecialtyCodes:<specialty> to sync it"));
        }

        return new SyncPlan(lines, writes);
    }

    /// <summary>A folder or provider id from a name: lower-case ASCII letters and digits joined by hyphens ("Tomás Reyes" → tomas-reyes).</summary>
    public static string Slug(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        return NotSlug().Replace(text.ToString(), "-").Trim('-');
    }

    private static (LocalLocation? Match, string? How) Match(LocalFolder local, IReadOnlyList<LocationInFhir> read, LocationInFhir fhirLocation,
        HashSet<string> claimed, FhirOptions options)
    {
        if (local.Locations.FirstOrDefault(l => l.FhirId == fhirLocation.FhirId) is { } linked)
        {
            return (linked, null);
        }

        var unlinked = local.Locations.Where(l => l.FhirId is null && !claimed.Contains(l.Id)).ToList();
        foreach (var (system, value) in fhirLocation.Identifiers.Where(i => i.System == options.LocationIdentifierSystem))
        {
            if (unlinked.FirstOrDefault(l => l.Id == value) is { } byIdentifier)
            {
                return (byIdentifier, $"its identifier {system}|{value}");
            }
        }

        var sameName = unlinked.Where(l => fhirLocation.Name is not null && string.Equals(l.Name, fhirLocation.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        var nameIsUnique = read.Count(r => string.Equals(r.Name, fhirLocation.Name, StringComparison.OrdinalIgnoreCase)) == 1;
        return sameName.Count == 1 && nameIsUnique ? (sameName[0], "same name") : (null, null);
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    [LoggerMessage(Level = LogLevel.Information, Message = "Locations sync: {Locations} FHIR Locations and {Roles} PractitionerRoles read; {Changes} changes, {Conflicts} conflicts, {Created} locations created; {Written} files written")]
    private static partial void LogSynced(ILogger logger, int locations, int roles, int changes, int conflicts, int created, int written);

    [LoggerMessage(Level = LogLevel.Information, Message = "Locations sync could not read the FHIR server: {Reason}; nothing was written")]
    private static partial void LogFailed(ILogger logger, string reason);
}

/// <summary>The sync's decisions: lines to print, and full paths to write with their new text.</summary>
internal sealed record SyncPlan(IReadOnlyList<SyncLine> Lines, IReadOnlyDictionary<string, string> Writes);
