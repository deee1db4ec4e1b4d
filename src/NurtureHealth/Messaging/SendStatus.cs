namespace NurtureHealth.Messaging;

/// <summary>How a send went.</summary>
public enum SendStatus
{
    /// <summary>Accepted by the channel.</summary>
    Sent,

    /// <summary>Provably not sent, may work later (no connection, 4xx from SMTP, 429/5xx from Twilio): retried with backoff.</summary>
    Transient,

    /// <summary>Not sent and never will be as it is: recorded once, not retried.</summary>
    Permanent,

    /// <summary>The address or number cannot receive on this channel (hard bounce; Twilio 21211, 21612, 21614, 21635): it is suppressed, the other channel goes on.</summary>
    Undeliverable,

    /// <summary>The recipient opted out at the carrier (Twilio 21610): recorded as an opt-out of SMS everywhere.</summary>
    OptedOut,

    /// <summary>
    /// The message may have reached the channel and nobody can say (the connection dropped or timed out after the message
    /// was handed over, or the sender failed in a way it cannot classify). Never sent again: at most once wins over at least once.
    /// </summary>
    Uncertain,
}
