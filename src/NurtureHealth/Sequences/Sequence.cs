using NurtureHealth.Messaging;

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

/// <summary>When a step runs at all; a step whose condition does not hold is skipped with that reason.</summary>
public enum StepCondition
{
    /// <summary>Always.</summary>
    Always,

    /// <summary>Only when a provider was matched (the step introduces them by name).</summary>
    ProviderMatched,

    /// <summary>Only when no provider was matched.</summary>
    NoProvider,
}

/// <summary>One step: what goes out, on which channel, how long after the previous touch.</summary>
/// <param name="Index">0-based position in the sequence.</param>
/// <param name="Id">The step id; its templates are <c>ID.LANG.md</c> (email) or <c>ID.LANG.txt</c> (SMS).</param>
/// <param name="Stage">Awareness, consideration or decision.</param>
/// <param name="Channel">Email or SMS.</param>
/// <param name="Delay">Time after the previous touch (after enrollment for the first step), before the send window is applied.</param>
/// <param name="Condition">When the step runs.</param>
public sealed record SequenceStep(int Index, string Id, FunnelStage Stage, Channel Channel, TimeSpan Delay, StepCondition Condition);

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
    /// <summary>True when a lead with this service line and source enters this sequence.</summary>
    public bool Enrolls(string serviceLine, string source) =>
        ServiceLines.Contains(serviceLine, StringComparer.Ordinal) && Sources.Contains(source, StringComparer.Ordinal);
}
