namespace NurtureHealth.Checks;

/// <summary>What to preview: a step of a sequence, at a location, in a language, for a patient.</summary>
/// <param name="Location">The location id.</param>
/// <param name="Sequence">The sequence id.</param>
/// <param name="Step">The step: its 1-based number or its id.</param>
/// <param name="Language">The patient's language (default English).</param>
/// <param name="FirstName">The patient's first name (the sample patient's by default).</param>
/// <param name="Template">For a step with <c>choose</c> or <c>variants</c>: which of its templates (default the first).</param>
public sealed record PreviewRequest(string Location, string Sequence, string Step, string Language = "en", string FirstName = MessagePreview.SampleFirstName, string? Template = null)
{
    /// <summary>The matched provider's id, when previewing a real lead.</summary>
    public string? ProviderId { get; init; }

    /// <summary>The service line, when previewing a real lead (default: the sequence's first).</summary>
    public string? ServiceLine { get; init; }
}
