namespace NurtureHealth.Sequences;

/// <summary><c>provider-matched</c> or <c>no-provider</c>.</summary>
public sealed record ProviderCondition(string Text, bool Matched) : StepCondition(Text)
{
    /// <inheritdoc />
    public override bool OnEngagement => false;

    /// <inheritdoc />
    public override bool Holds(ConditionFacts facts) => (facts.Enrollment.ProviderId is not null) == Matched;
}
