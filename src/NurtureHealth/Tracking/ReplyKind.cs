namespace NurtureHealth.Tracking;

/// <summary>What a patient's text back asks for.</summary>
public enum ReplyKind
{
    /// <summary>Stop all texts: a keyword (STOP, ALTO, …) or a plain-words revocation ("please stop texting me").</summary>
    Stop,

    /// <summary>Texts back on: START, YES, UNSTOP.</summary>
    Start,

    /// <summary>HELP, INFO, AYUDA.</summary>
    Help,

    /// <summary>"C", CONFIRM, CONFIRMAR: the patient confirms their upcoming appointment (a person talking when they have none).</summary>
    Confirm,

    /// <summary>"R", RESCHEDULE, REPROGRAMAR: the patient asks for another time; staff are handed it (a person talking when they have no appointment).</summary>
    Reschedule,

    /// <summary>It might be a revocation and is not clearly one ("can you stop texting at night?"): a person decides.</summary>
    MaybeStop,

    /// <summary>Anything else: a person talking.</summary>
    Other,
}
