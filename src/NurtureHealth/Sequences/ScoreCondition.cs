namespace NurtureHealth.Sequences;

/// <summary><c>score above N</c> or <c>score below N</c>: the lead score when the touch is due (decayed to then).</summary>
public sealed record ScoreCondition(string Text, bool Above, double Value) : StepCondition(Text)
{
    /// <inheritdoc />
    public override bool OnEngagement => true;

    /// <inheritdoc />
    public override bool Holds(ConditionFacts facts) => !facts.EngagementKnown || (Above ? facts.Score > Value : facts.Score < Value);
}
