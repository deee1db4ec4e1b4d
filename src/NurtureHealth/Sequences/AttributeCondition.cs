namespace NurtureHealth.Sequences;

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
