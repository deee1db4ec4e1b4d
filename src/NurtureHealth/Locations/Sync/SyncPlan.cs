namespace NurtureHealth.Locations.Sync;

/// <summary>The sync's decisions: lines to print, and full paths to write with their new text.</summary>
internal sealed record SyncPlan(IReadOnlyList<SyncLine> Lines, IReadOnlyDictionary<string, string> Writes);
