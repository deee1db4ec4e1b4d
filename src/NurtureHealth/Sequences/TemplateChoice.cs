namespace NurtureHealth.Sequences;

/// <summary>One option of a step's <c>choose:</c> — a template, and when it is the one sent (empty: otherwise).</summary>
/// <param name="When">Conditions that must all hold.</param>
/// <param name="Template">The template id in the sequence's folder (<c>TEMPLATE.LANG.md|txt</c>).</param>
public sealed record TemplateChoice(IReadOnlyList<StepCondition> When, string Template);
