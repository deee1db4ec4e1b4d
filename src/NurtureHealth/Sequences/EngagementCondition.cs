namespace NurtureHealth.Sequences;

/// <summary>
/// <c>[not] clicked|opened|replied|delivered [STEP]</c>, or <c>[not] engaged</c> (opened, clicked or replied to anything).
/// Without a step it looks at every earlier touch of the enrollment.
/// </summary>
public sealed record EngagementCondition(string Text, bool Negated, IReadOnlyList<string> Types, string? StepId) : StepCondition(Text)
{
    /// <inheritdoc />
    public override bool OnEngagement => true;

    /// <inheritdoc />
    public override bool Holds(ConditionFacts facts)
    {
        if (!facts.EngagementKnown)
        {
            return true;
        }

        var happened = facts.Engagement.Any(e => Types.Contains(e.Type) && (StepId is null || e.StepId == StepId));
        return happened != Negated;
    }
}
