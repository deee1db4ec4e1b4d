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

    /// <summary>After the booking: a confirmation or reminder of the visit (care, not marketing).</summary>
    Care,
}
