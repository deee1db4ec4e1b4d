using NurtureHealth.Yaml;

namespace NurtureHealth.Locations.Sync;

/// <summary>What <c>nurture locations sync</c> read, changed and found.</summary>
public sealed record LocationSyncReport(
    IReadOnlyList<SyncLine> Lines,
    int LocationsRead,
    int RolesRead,
    bool DryRun,
    int FilesWritten,
    IReadOnlyList<FileFinding> LoadFindings)
{
    /// <summary>True when the locations folder, as written (or as it would be written), does not load.</summary>
    public bool LoadFailed => LoadFindings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>How many lines of a kind.</summary>
    public int Count(SyncLineKind kind) => Lines.Count(l => l.Kind == kind);

    /// <summary>The last line printed: counts, and whether anything was written.</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>();
            Add(parts, Count(SyncLineKind.Change), "change", "changes");
            Add(parts, Count(SyncLineKind.Created), "location created", "locations created");
            Add(parts, Count(SyncLineKind.ProviderAdded), "provider added", "providers added");
            Add(parts, Count(SyncLineKind.Linked), "linked by identifier or name", "linked by identifier or name");
            Add(parts, Count(SyncLineKind.Conflict), "conflict (local value kept)", "conflicts (local values kept)");
            Add(parts, Count(SyncLineKind.Waiting), "new location waiting for its manager", "new locations waiting for their managers");
            Add(parts, Count(SyncLineKind.Note), "note", "notes");
            var what = parts.Count == 0 ? "no changes: the location files match the server" : string.Join(", ", parts);
            var written = DryRun ? "dry run, nothing written" : FilesWritten == 1 ? "1 file written" : $"{FilesWritten} files written";
            return $"Read {LocationsRead} Location{(LocationsRead == 1 ? "" : "s")} and {RolesRead} PractitionerRole{(RolesRead == 1 ? "" : "s")} from FHIR: {what}; {written}.";
        }
    }

    private static void Add(List<string> parts, int count, string one, string many)
    {
        if (count > 0)
        {
            parts.Add(count == 1 ? $"1 {one}" : $"{count} {many}");
        }
    }
}
