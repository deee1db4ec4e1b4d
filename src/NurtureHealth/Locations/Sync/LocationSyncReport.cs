using NurtureHealth.Yaml;

namespace NurtureHealth.Locations.Sync;

/// <summary>What a line of the sync's output says.</summary>
public enum SyncLineKind
{
    /// <summary>A new location folder was written.</summary>
    Created,

    /// <summary>A file (or provider) without fhir_id was linked to its FHIR resource.</summary>
    Linked,

    /// <summary>A FHIR-owned field took the server's value.</summary>
    Change,

    /// <summary>A provider was added to a location.</summary>
    ProviderAdded,

    /// <summary>A location manager's edit of a FHIR-owned field was kept although the server says otherwise.</summary>
    Conflict,

    /// <summary>A location the sync created still waits for its manager.</summary>
    Waiting,

    /// <summary>Something the sync did not do, and why.</summary>
    Note,
}

/// <summary>One line of the sync's output, about one file (or one FHIR resource).</summary>
public sealed record SyncLine(string File, SyncLineKind Kind, string Text)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {Text}";
}

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
