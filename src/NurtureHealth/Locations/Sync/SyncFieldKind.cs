namespace NurtureHealth.Locations.Sync;

/// <summary>How a synced field's values compare and are written.</summary>
internal enum SyncFieldKind
{
    Text,
    Number,
    Boolean,
    List,
}
