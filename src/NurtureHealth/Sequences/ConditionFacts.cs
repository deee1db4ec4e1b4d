using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>What a condition can look at: the enrollment, the lead's source, and what the patient did with earlier touches.</summary>
/// <param name="Enrollment">The enrollment (service line, location, language, provider).</param>
/// <param name="Source">The lead source that enrolled them.</param>
/// <param name="Engagement">Each engagement with this enrollment's touches: the event type and the step of the touch (null when not tied to one).</param>
/// <param name="EngagementKnown">False at planning time: engagement conditions are then taken as holding, and decided when the touch is due.</param>
public sealed record ConditionFacts(
    Enrollment Enrollment,
    string? Source,
    IReadOnlyCollection<(string Type, string? StepId)> Engagement,
    bool EngagementKnown)
{
    /// <summary>The contact's lead score now (decayed), when the touch is due.</summary>
    public double Score { get; init; }

    /// <summary>Facts for planning, before engagement can be known.</summary>
    public static ConditionFacts Planning(Enrollment enrollment, string? source) => new(enrollment, source, [], false);
}
