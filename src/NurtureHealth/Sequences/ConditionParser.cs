using NurtureHealth.Locations;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>
/// Reads the conditions of a step's <c>when:</c> and of its <c>choose:</c> options, checking each against the sequence
/// (only earlier steps can be referred to, and an SMS has no opens) and the group (known sources, service lines,
/// locations). Every mistake is a finding at the <c>when</c> line, naming the condition and what to write instead.
/// </summary>
internal static class ConditionParser
{
    private static readonly string[] EngagementWords = ["clicked", "opened", "replied", "delivered", "engaged"];
    private static readonly string[] Forms =
        ["provider-matched", "no-provider", "clicked STEP", "opened STEP", "replied", "delivered STEP", "engaged", "not …", "source is …", "language is …", "location is …", "interest is …", "score above N", "score below N"];

    /// <summary>Every condition listed under <paramref name="key"/> of <paramref name="map"/>; problems become findings.</summary>
    public static IReadOnlyList<StepCondition> Read(YamlMap map, string key, IReadOnlyList<SequenceStep> earlier, string stepId, ClinicGroup group)
    {
        var conditions = new List<StepCondition>();
        foreach (var text in map.StringList(key))
        {
            if (Parse(text, earlier, stepId, group, out var problem) is { } condition)
            {
                conditions.Add(condition);
            }
            else
            {
                map.File.Error(map.MarkOf(key), $"{map.Name(key)}: '{text}' {problem}");
            }
        }

        foreach (var condition in conditions)
        {
            var opposite = condition.Text.StartsWith("not ", StringComparison.Ordinal) ? condition.Text[4..] : "not " + condition.Text;
            if (conditions.Any(c => c.Text == opposite) && !condition.Text.StartsWith("not ", StringComparison.Ordinal))
            {
                map.File.Error(map.MarkOf(key), $"{map.Name(key)}: '{condition.Text}' and '{opposite}' can never both hold, so this can never run");
            }
        }

        return conditions;
    }

    private static StepCondition? Parse(string raw, IReadOnlyList<SequenceStep> earlier, string stepId, ClinicGroup group, out string? problem)
    {
        problem = null;
        var text = string.Join(' ', raw.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim();
        switch (text)
        {
            case "provider-matched":
                return new ProviderCondition(text, true);
            case "no-provider":
                return new ProviderCondition(text, false);
        }

        var negated = text.StartsWith("not ", StringComparison.Ordinal);
        var words = (negated ? text[4..] : text).Split(' ', 2);
        var verb = words[0];
        var rest = words.Length > 1 ? words[1] : null;
        if (verb == "score")
        {
            var parts = rest?.Split(' ') ?? [];
            if (negated || parts.Length != 2 || parts[0] is not ("above" or "below")
                || !double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                problem = "is not a score condition; write 'score above 40' or 'score below 20'";
                return null;
            }

            return new ScoreCondition(text, parts[0] == "above", value);
        }

        if (AttributeCondition.Attributes.Contains(verb))
        {
            return Attribute(text, verb, negated, rest, group, out problem);
        }

        if (!EngagementWords.Contains(verb))
        {
            var hint = DidYouMean.Closest(verb, [.. EngagementWords, .. AttributeCondition.Attributes, "score", "provider-matched", "no-provider"]);
            problem = hint is null
                ? $"is not a condition; write one of: {string.Join(", ", Forms)}"
                : $"is not a condition; did you mean '{hint}'? (conditions: {string.Join(", ", Forms)})";
            return null;
        }

        IReadOnlyList<string> types = verb == "engaged"
            ? [ContactEventType.Opened, ContactEventType.Clicked, ContactEventType.Replied]
            : [verb == "clicked" ? ContactEventType.Clicked : verb == "opened" ? ContactEventType.Opened : verb == "replied" ? ContactEventType.Replied : ContactEventType.Delivered];
        if (rest is null)
        {
            return new EngagementCondition(text, negated, types, null);
        }

        if (verb == "engaged")
        {
            problem = "takes no step: 'engaged' means opened, clicked or replied to any earlier message; write 'clicked STEP' for one step";
            return null;
        }

        var target = earlier.FirstOrDefault(s => s.Id == rest);
        if (target is null)
        {
            if (rest == stepId)
            {
                problem = $"refers to this step itself; a condition can only look at earlier steps";
                return null;
            }

            var hint = DidYouMean.Closest(rest, earlier.Select(s => s.Id));
            problem = earlier.Count == 0
                ? "refers to a step, but this is the first step: nothing has been sent yet"
                : hint is null
                    ? $"refers to no earlier step; earlier steps are {string.Join(", ", earlier.Select(s => s.Id))}"
                    : $"refers to no earlier step; did you mean '{hint}'?";
            return null;
        }

        if (verb == "opened" && target.Channel == Channel.Sms)
        {
            problem = $"can never hold: step '{rest}' is an SMS, and SMS opens cannot be seen; use 'clicked {rest}' or 'replied'";
            return null;
        }

        return new EngagementCondition(text, negated, types, rest);
    }

    private static AttributeCondition? Attribute(string text, string attribute, bool negated, string? rest, ClinicGroup group, out string? problem)
    {
        problem = null;
        var isNot = rest?.StartsWith("is not ", StringComparison.Ordinal) == true;
        if (rest is null || !(isNot || rest.StartsWith("is ", StringComparison.Ordinal)))
        {
            problem = $"needs a value: write '{attribute} is A' or '{attribute} is A, B' (or '{attribute} is not A')";
            return null;
        }

        var values = rest[(isNot ? 7 : 3)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        IReadOnlyCollection<string>? known = attribute switch
        {
            "source" => group.LeadSources.ToList(),
            "interest" => group.ServiceLines.Keys.ToList(),
            "location" => group.Locations.Select(l => l.Id).ToList(),
            _ => null,
        };
        foreach (var value in values)
        {
            if (attribute == "language" && !LanguageTag.TryNormalize(value, out _))
            {
                problem = $"names '{value}', which is not a language code such as en or es";
                return null;
            }

            if (known is not null && !known.Contains(value))
            {
                var hint = DidYouMean.Closest(value, known);
                problem = hint is null
                    ? $"names {attribute} '{value}', which group.yaml and the location files do not know; known: {string.Join(", ", known)}"
                    : $"names {attribute} '{value}', which is not known; did you mean '{hint}'?";
                return null;
            }
        }

        return new AttributeCondition(text, attribute, negated != isNot, values);
    }
}
