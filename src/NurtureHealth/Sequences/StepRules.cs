namespace NurtureHealth.Sequences;

/// <summary>A step's <c>when:</c> — every condition must hold — and its template choices.</summary>
public static class StepRules
{
    /// <summary>The first condition that does not hold, or null when all do.</summary>
    public static StepCondition? Failing(IReadOnlyList<StepCondition> when, ConditionFacts facts) => when.FirstOrDefault(c => !c.Holds(facts));

    /// <summary>The template a step sends: the first choice whose conditions hold, the step's own when it has no choices, or null when none holds.</summary>
    public static string? Template(SequenceStep step, ConditionFacts facts) =>
        step.Choices.Count == 0 ? step.Id : step.Choices.FirstOrDefault(c => Failing(c.When, facts) is null)?.Template;
}
