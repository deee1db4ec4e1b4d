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
