namespace NurtureHealth.Sequences;

/// <summary>A nurture sequence from <c>templates/&lt;id&gt;/sequence.yaml</c>.</summary>
/// <param name="Id">The folder name.</param>
/// <param name="Name">A name for reports.</param>
/// <param name="ServiceLines">Entry: the service lines it enrolls.</param>
/// <param name="Sources">Entry: the lead sources it enrolls.</param>
/// <param name="DisengageAfter">Exit as disengaged after this many touches in a row with no engagement; null for the configured default.</param>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Path">The sequence file, for messages.</param>
public sealed record Sequence(
    string Id,
    string Name,
    IReadOnlyList<string> ServiceLines,
    IReadOnlyList<string> Sources,
    int? DisengageAfter,
    IReadOnlyList<SequenceStep> Steps,
    string Path)
{
    /// <summary>
    /// <c>disengage_to:</c> the (low-frequency) re-engagement sequence a lead moves to when it disengages here, or null to
    /// let it go.
    /// </summary>
    public string? DisengageTo { get; init; }

    /// <summary>True when a lead with this service line and source enters this sequence.</summary>
    public bool Enrolls(string serviceLine, string source) =>
        ServiceLines.Contains(serviceLine, StringComparer.Ordinal) && Sources.Contains(source, StringComparer.Ordinal);
}
