using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NurtureHealth.Locations.Sync;

/// <summary>
/// The sync's decisions, made without writing anything: which folder each location from the clinic's system belongs to
/// (its <c>fhir_id</c>, then an identifier naming the folder, then a unique name), what changes in each file while keeping
/// location managers' edits (<see cref="LocationMerge"/>), which locations get a new folder, and what to tell the operator.
/// </summary>
public static partial class LocationSyncPlanner
{
    /// <summary>Decides every change without writing anything: the lines to print and the files to write.</summary>
    internal static SyncPlan Plan(LocalFolder local, IReadOnlyList<LocationInFhir> read, SyncSettings settings, DateOnly today)
    {
        var lines = new List<SyncLine>();
        var writes = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new ProviderIds(local.ProviderIds);
        var folderIds = new HashSet<string>(local.Locations.Select(l => l.Id), StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<LocationInFhir>();
        foreach (var fhirLocation in read)
        {
            var (match, how) = Match(local, read, fhirLocation, claimed, settings);
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
                : $"Location/{orphan.FhirId} was not found on the FHIR server{(settings.Narrowed ? " (with Nurture:Fhir:LocationSearch)" : "")}; left as it is"));
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
        HashSet<string> claimed, SyncSettings settings)
    {
        if (local.Locations.FirstOrDefault(l => l.FhirId == fhirLocation.FhirId) is { } linked)
        {
            return (linked, null);
        }

        var unlinked = local.Locations.Where(l => l.FhirId is null && !claimed.Contains(l.Id)).ToList();
        foreach (var (system, value) in fhirLocation.Identifiers.Where(i => i.System == settings.IdentifierSystem))
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
}
