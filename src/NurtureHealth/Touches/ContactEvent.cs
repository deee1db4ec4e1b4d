namespace NurtureHealth.Touches;

/// <summary>Something the patient did: booked, opted out or back in, opened, clicked, replied.</summary>
public sealed class ContactEvent
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public long? EnrollmentId { get; set; }
    public long? TouchId { get; set; }

    /// <summary><see cref="ContactEventType"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>email, sms, or null for both / not channel-specific.</summary>
    public Channel? Channel { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Where it came from: events-file, demo, webhook…</summary>
    public string Source { get; set; } = "";

    /// <summary>The source's id for the event; the same (source, id) is recorded once.</summary>
    public string? ExternalId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
