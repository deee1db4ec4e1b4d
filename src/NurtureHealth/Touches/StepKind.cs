namespace NurtureHealth.Touches;

/// <summary>What a step of a sequence does: send a message, or wait for something the patient does.</summary>
public enum StepKind
{
    /// <summary>Sends one message on a channel.</summary>
    Send,

    /// <summary>Sends nothing: due when the wait times out, sooner when an event may have ended it.</summary>
    Wait,
}
