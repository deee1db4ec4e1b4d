using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>One version of a step in an A/B test.</summary>
/// <param name="Id">Its id, shown in reports (<c>a</c>, <c>short-subject</c>).</param>
/// <param name="Weight">Its share of patients, relative to the other variants' weights; 0 retires it.</param>
/// <param name="Template">The template it sends (default: the step's own).</param>
/// <param name="Channel">Its channel (default: the step's).</param>
/// <param name="Delay">Its delay (default: the step's) — to test send times.</param>
public sealed record StepVariant(string Id, double Weight, string Template, Channel Channel, TimeSpan Delay);
