namespace NurtureHealth.Locations.Sync;

/// <summary>One line of the sync's output, about one file (or one FHIR resource).</summary>
public sealed record SyncLine(string File, SyncLineKind Kind, string Text)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}: {Text}";
}
