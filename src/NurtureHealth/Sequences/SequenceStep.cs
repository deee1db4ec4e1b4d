using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>One step: what goes out, on which channel, how long after the previous touch.</summary>
/// <param name="Index">0-based position in the sequence.</param>
/// <param name="Id">The step id; its templates are <c>ID.LANG.md</c> (email) or <c>ID.LANG.txt</c> (SMS).</param>
/// <param name="Stage">Awareness, consideration or decision.</param>
/// <param name="Channel">Email or SMS.</param>
/// <param name="Delay">Time after the previous touch (after enrollment for the first step), before the send window is applied.</param>
/// <param name="When">Conditions that must all hold for the step to run (<c>when:</c>); empty for always. A step whose conditions do not hold is skipped with the reason.</param>
public sealed record SequenceStep(int Index, string Id, FunnelStage Stage, Channel Channel, TimeSpan Delay, IReadOnlyList<StepCondition> When)
{
    /// <summary>
    /// <c>choose:</c> the templates the step can send, tried in order when the touch is due; the first whose conditions hold
    /// is sent. Empty: the step sends its own template (<c>ID.LANG.md|txt</c>).
    /// </summary>
    public IReadOnlyList<TemplateChoice> Choices { get; init; } = [];

    /// <summary>
    /// <c>variants:</c> an A/B test — versions of the step with weights; each patient gets one, the same one every time
    /// (<see cref="VariantPicker"/>). Empty: no test.
    /// </summary>
    public IReadOnlyList<StepVariant> Variants { get; init; } = [];

    /// <summary><c>before:</c> a reminder, due this long before the appointment starts (moved earlier into the send window, never later).</summary>
    public TimeSpan? Before { get; init; }

    /// <summary><c>wait_until:</c> a step that sends nothing and waits for the patient to do something, or for its timeout.</summary>
    public StepWait? Wait { get; init; }

    /// <summary>True when something about the step is decided only when its touch is due (it looks at engagement).</summary>
    public bool DecidedWhenDue => When.Any(c => c.OnEngagement) || Choices.Count > 0;
}
