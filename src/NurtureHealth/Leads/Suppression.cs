using NurtureHealth.Touches;

namespace NurtureHealth.Leads;

/// <summary>
/// An address nothing may be sent to, on one channel, from any location or sequence: an unsubscribe,
/// a STOP, a hard bounce, a number that cannot take SMS. One list for the whole group.
/// </summary>
public sealed class Suppression
{
    public long Id { get; set; }

    /// <summary>email or sms.</summary>
    public Channel Channel { get; set; }

    /// <summary>The normalised email address or E.164 number.</summary>
    public string Address { get; set; } = "";

    /// <summary>unsubscribed, opted-out, bounced, cannot-receive-sms…</summary>
    public string Reason { get; set; } = "";

    /// <summary>Where it came from: the unsubscribe link, Twilio inbound, an SMTP 5xx, a Twilio error code.</summary>
    public string Source { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
