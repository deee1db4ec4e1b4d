using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Yaml;
using YamlDotNet.Core;

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
            findings = LoadAsIfWritten(folder, plan.Writes);
        }
        else
        {
            foreach (var (path, text) in plan.Writes)
            {
                Write(path, text);
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

            Stage(writes, match.Folder, baseline);
        }

        foreach (var fhirLocation in pending)
        {
            Create(local, fhirLocation, folderIds, ids, today, lines, writes);
        }

        foreach (var orphan in local.Locations.Where(l => l.FhirId is not null && !claimed.Contains(l.Id)))
        {
            lines.Add(new SyncLine(orphan.Display, SyncLineKind.Note,
                $"Location/{orphan.FhirId} was not found on the FHIR server{(string.IsNullOrEmpty(options.LocationSearch) ? "" : " (with Nurture:Fhir:LocationSearch)")}; left as it is"));
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

    private static void Create(LocalFolder local, LocationInFhir fhirLocation, HashSet<string> folderIds, ProviderIds ids, DateOnly today,
        List<SyncLine> lines, Dictionary<string, string> writes)
    {
        if (NewLocationFile.CannotCreate(fhirLocation) is { } why)
        {
            lines.Add(new SyncLine($"FHIR Location/{fhirLocation.FhirId}", SyncLineKind.Note, $"not created: {why}"));
            return;
        }

        var id = FolderId(fhirLocation.Name!, local.GroupName, folderIds);
        var folder = Path.Combine(local.Root, id);
        var path = Path.Combine(folder, ClinicGroupLoader.LocationFileName);
        var display = ClinicGroupLoader.Display(path);
        var providers = new List<(string, ProviderInFhir)>();
        foreach (var provider in fhirLocation.Providers)
        {
            if (LocationMerge.CannotAdd(provider) is { } skip)
            {
                lines.Add(new SyncLine(display, SyncLineKind.Note, $"Practitioner/{provider.FhirId} not added: {skip}"));
            }
            else
            {
                providers.Add((ids.Allocate(provider.IdName ?? provider.Name!), provider));
            }
        }

        var specialties = providers.SelectMany(p => p.Item2.Specialties!).ToHashSet(StringComparer.Ordinal);
        var offered = local.ServiceLines.Where(s => s.Value.Any(specialties.Contains)).Select(s => s.Key).ToList();
        var fromProviders = offered.Count > 0;
        var (text, baseline) = NewLocationFile.Render(id, fhirLocation, providers, fromProviders ? offered : [local.ServiceLines[0].Key], fromProviders, today);
        writes[path] = text;
        Stage(writes, folder, baseline);
        lines.Add(new SyncLine(display, SyncLineKind.Created,
            $"created from FHIR Location/{fhirLocation.FhirId} with {providers.Count} provider{(providers.Count == 1 ? "" : "s")}, inactive " +
            $"(needs {(fhirLocation.TimeZone is null ? "timezone, " : "")}booking_url, service_lines and hours, then active: true, before it takes leads)"));
        lines.AddRange(fhirLocation.Notes.Select(n => new SyncLine(display, SyncLineKind.Note, $"Location/{fhirLocation.FhirId}: {n}")));
    }

    /// <summary>A slug of the name without the group's name in front ("Lakeshore Health — Naperville" → naperville), -2, -3… when taken.</summary>
    private static string FolderId(string name, string groupName, HashSet<string> taken)
    {
        var slug = Slug(name);
        var prefix = Slug(groupName);
        if (prefix.Length > 0 && slug.StartsWith(prefix + "-", StringComparison.Ordinal))
        {
            slug = slug[(prefix.Length + 1)..];
        }

        slug = slug.Length == 0 ? "location" : slug;
        var id = slug;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{slug}-{n}";
        }

        return id;
    }

    private static void Stage(Dictionary<string, string> writes, string folder, SyncBaseline baseline)
    {
        var path = Path.Combine(folder, SyncBaseline.FileName);
        var text = baseline.Render();
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            writes[path] = text;
        }
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".sync-tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>For a dry run: loads a scratch copy of the folder with the planned files in place, reporting findings under the real paths.</summary>
    private static IReadOnlyList<FileFinding> LoadAsIfWritten(string folder, IReadOnlyDictionary<string, string> writes)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "nurture-sync-" + Guid.NewGuid().ToString("N"));
        try
        {
            var root = Path.GetFullPath(folder);
            foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.TopDirectoryOnly)
                         .Concat(Directory.EnumerateDirectories(root).Select(d => Path.Combine(d, ClinicGroupLoader.LocationFileName)).Where(File.Exists)))
            {
                Write(Path.Combine(scratch, Path.GetRelativePath(root, file)), File.ReadAllText(file));
            }

            foreach (var (path, text) in writes)
            {
                Write(Path.Combine(scratch, Path.GetRelativePath(root, Path.GetFullPath(path))), text);
            }

            ClinicGroupLoader.TryLoad(scratch, out var findings);
            var shown = ClinicGroupLoader.Display(scratch);
            var real = ClinicGroupLoader.Display(root);
            return findings.Select(f => f.File.StartsWith(shown, StringComparison.Ordinal) ? f with { File = real + f.File[shown.Length..] } : f).ToList();
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
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
