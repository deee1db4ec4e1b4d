namespace NurtureHealth.Locations.Sync;

/// <summary>How the locations on the clinic's system are matched to the folders: the identifier system whose value is a folder id, and whether the read was narrowed by a search.</summary>
public sealed record SyncSettings(string? IdentifierSystem, bool Narrowed);
