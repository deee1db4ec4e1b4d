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

/// <summary><c>provider-matched</c> or <c>no-provider</c>.</summary>
public sealed record ProviderCondition(string Text, bool Matched) : StepCondition(Text)
{
    /// <inheritdoc />
    public override bool OnEngagement => false;

    /// <inheritdoc />
    public override bool Holds(ConditionFacts facts) => (facts.Enrollment.ProviderId is not null) == Matched;
}

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

/// <summary><c>score above N</c> or <c>score below N</c>: the lead score when the touch is due (decayed to then).</summary>
public sealed record ScoreCondition(string Text, bool Above, double Value) : StepCondition(Text)
{
    /// <inheritdoc />
    public override bool OnEngagement => true;

    /// <inheritdoc />
    public override bool Holds(ConditionFacts facts) => !facts.EngagementKnown || (Above ? facts.Score > Value : facts.Score < Value);
}

/// <summary><c>source|language|location|interest [is|is not] A, B</c>: the lead's attributes.</summary>
public sealed record AttributeCondition(string Text, string Attribute, bool Negated, IReadOnlyList<string> Values) : StepCondition(Text)
{
    /// <summary>The attributes a condition can name.</summary>
    public static readonly IReadOnlyList<string> Attributes = ["source", "language", "location", "interest"];

    /// <inheritdoc />
    public override bool OnEngagement => false;

    /// <inheritdoc />
    public override bool Holds(ConditionFacts facts)
    {
        var value = Attribute switch
        {
            "source" => facts.Source,
            "language" => Locations.LanguageTag.Primary(facts.Enrollment.Language),
            "location" => facts.Enrollment.LocationId,
            "interest" => facts.Enrollment.ServiceLine,
            _ => null,
        };
        return (value is not null && Values.Contains(value, StringComparer.Ordinal)) != Negated;
    }
}

/// <summary>A step's <c>when:</c> — every condition must hold — and its template choices.</summary>
public static class StepRules
{
    /// <summary>The first condition that does not hold, or null when all do.</summary>
    public static StepCondition? Failing(IReadOnlyList<StepCondition> when, ConditionFacts facts) => when.FirstOrDefault(c => !c.Holds(facts));

    /// <summary>The template a step sends: the first choice whose conditions hold, the step's own when it has no choices, or null when none holds.</summary>
    public static string? Template(SequenceStep step, ConditionFacts facts) =>
        step.Choices.Count == 0 ? step.Id : step.Choices.FirstOrDefault(c => Failing(c.When, facts) is null)?.Template;
}
