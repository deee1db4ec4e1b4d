namespace NurtureHealth.Tracking;

/// <summary>
/// One text a patient sent, received once: Twilio retries a webhook it thinks failed, and the same MessageSid must not
/// opt out, confirm or notify staff twice. What it asked for is kept (the audit of every STOP); what it said is not.
/// </summary>
public sealed class InboundMessage
{
    public long Id { get; set; }

    /// <summary>Twilio's id for the message (SM…); unique.</summary>
    public string MessageSid { get; set; } = "";

    /// <summary>What it asked for: stop, start, help, maybe-stop or other (<see cref="ReplyKind"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>How many contacts share the number it came from.</summary>
    public int Contacts { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
