namespace NurtureHealth.Sequences;

/// <summary>
/// One condition in a step's <c>when:</c>, as a marketer writes it: <c>clicked what-to-expect</c>,
/// <c>not opened guide</c>, <c>engaged</c>, <c>source is ad-click</c>, <c>language is es</c>, <c>provider-matched</c>.
/// </summary>
public abstract record StepCondition(string Text)
{
    /// <summary>True when the condition depends on what the patient did, so it is decided when the touch is due, not when it is planned.</summary>
    public abstract bool OnEngagement { get; }

    /// <summary>Whether the condition holds for these facts.</summary>
    public abstract bool Holds(ConditionFacts facts);

    /// <inheritdoc />
    public sealed override string ToString() => Text;
}
