using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>Where a touch sits in the patient's journey.</summary>
public enum FunnelStage
{
    /// <summary>Educational, about the patient's problem; no pitch.</summary>
    Awareness,

    /// <summary>Options compared, what to expect, the local provider introduced.</summary>
    Consideration,

    /// <summary>Proof and one clear next step: book a consultation at their location.</summary>
    Decision,
}

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

    /// <summary><c>wait_until:</c> a step that sends nothing and waits for the patient to do something, or for its timeout.</summary>
    public StepWait? Wait { get; init; }

    /// <summary>True when something about the step is decided only when its touch is due (it looks at engagement).</summary>
    public bool DecidedWhenDue => When.Any(c => c.OnEngagement) || Choices.Count > 0;
}

/// <summary>
/// A wait-until step: the sequence goes on as soon as <see cref="Until"/> holds (the next step), or, when
/// <see cref="Timeout"/> passes first, at <see cref="OnTimeout"/> (a later step; the next step when null).
/// </summary>
/// <param name="Until">Conditions on engagement that end the wait (all must hold).</param>
/// <param name="Timeout">How long to wait.</param>
/// <param name="OnTimeout">The step to go on at when the wait times out, or null for the next step.</param>
public sealed record StepWait(IReadOnlyList<StepCondition> Until, TimeSpan Timeout, string? OnTimeout);

/// <summary>One version of a step in an A/B test.</summary>
/// <param name="Id">Its id, shown in reports (<c>a</c>, <c>short-subject</c>).</param>
/// <param name="Weight">Its share of patients, relative to the other variants' weights; 0 retires it.</param>
/// <param name="Template">The template it sends (default: the step's own).</param>
/// <param name="Channel">Its channel (default: the step's).</param>
/// <param name="Delay">Its delay (default: the step's) — to test send times.</param>
public sealed record StepVariant(string Id, double Weight, string Template, Channel Channel, TimeSpan Delay);

/// <summary>
/// Deterministic A/B assignment: a hash of the contact, sequence and step picks the variant by weight, so a patient
/// always gets the same version and the split follows the weights.
/// </summary>
public static class VariantPicker
{
    /// <summary>The variant for this contact, or null when the step has no live variants.</summary>
    public static StepVariant? Pick(long contactId, string sequence, string step, IReadOnlyList<StepVariant> variants)
    {
        var live = variants.Where(v => v.Weight > 0).ToList();
        if (live.Count == 0)
        {
            return null;
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{sequence}/{step}/{contactId}"));
        var unit = BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue; // uniform in [0, 1]
        var point = unit * live.Sum(v => v.Weight);
        foreach (var variant in live)
        {
            point -= variant.Weight;
            if (point < 0)
            {
                return variant;
            }
        }

        return live[^1];
    }
}

/// <summary>One option of a step's <c>choose:</c> — a template, and when it is the one sent (empty: otherwise).</summary>
/// <param name="When">Conditions that must all hold.</param>
/// <param name="Template">The template id in the sequence's folder (<c>TEMPLATE.LANG.md|txt</c>).</param>
public sealed record TemplateChoice(IReadOnlyList<StepCondition> When, string Template);

/// <summary>A nurture sequence from <c>templates/&lt;id&gt;/sequence.yaml</c>.</summary>
/// <param name="Id">The folder name.</param>
/// <param name="Name">A name for reports.</param>
/// <param name="ServiceLines">Entry: the service lines it enrolls.</param>
/// <param name="Sources">Entry: the lead sources it enrolls.</param>
/// <param name="DisengageAfter">Exit as disengaged after this many touches in a row with no engagement; null for the configured default.</param>
/// <param name="Steps">The steps, in order.</param>
/// <param name="Path">The sequence file, for messages.</param>
public sealed record Sequence(
    string Id,
    string Name,
    IReadOnlyList<string> ServiceLines,
    IReadOnlyList<string> Sources,
    int? DisengageAfter,
    IReadOnlyList<SequenceStep> Steps,
    string Path)
{
    /// <summary>
    /// <c>disengage_to:</c> the (low-frequency) re-engagement sequence a lead moves to when it disengages here, or null to
    /// let it go.
    /// </summary>
    public string? DisengageTo { get; init; }

    /// <summary>True when a lead with this service line and source enters this sequence.</summary>
    public bool Enrolls(string serviceLine, string source) =>
        ServiceLines.Contains(serviceLine, StringComparer.Ordinal) && Sources.Contains(source, StringComparer.Ordinal);
}
