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

    /// <summary>
    /// <c>entry.appointment:</c> for an appointment journey, what starts it — booked (confirmation and reminders, care
    /// communications), cancelled (re-booking) or no-show (recovery); null for a nurture sequence, which leads enter.
    /// </summary>
    public Touches.AppointmentStatus? Journey { get; init; }

    /// <summary>True for confirmations and reminders: care communications, outside the nurture caps, never after the start.</summary>
    public bool Reminds => Journey == Touches.AppointmentStatus.Booked;

    /// <summary>True when a lead with this service line and source enters this sequence.</summary>
    public bool Enrolls(string serviceLine, string source) =>
        Journey is null && ServiceLines.Contains(serviceLine, StringComparer.Ordinal) && Sources.Contains(source, StringComparer.Ordinal);

    /// <summary>True when an appointment for this service line starts this journey at <paramref name="moment"/>.</summary>
    public bool Follows(string serviceLine, Touches.AppointmentStatus moment) => Journey == moment && ServiceLines.Contains(serviceLine, StringComparer.Ordinal);
}
