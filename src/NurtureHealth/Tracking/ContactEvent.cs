using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

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

/// <summary>The kinds of contact event.</summary>
public static class ContactEventType
{
    public const string Booked = "booked";
    public const string OptedOut = "opted-out";
    public const string OptedIn = "opted-in";
    public const string Opened = "opened";
    public const string Clicked = "clicked";
    public const string Replied = "replied";
    public const string Delivered = "delivered";
    public const string Undelivered = "undelivered";
    public const string Bounced = "bounced";

    /// <summary>The types an events file may carry.</summary>
    public static readonly IReadOnlyList<string> All = [Booked, OptedOut, OptedIn, Opened, Clicked, Replied];

    /// <summary>Events that show the patient is listening, and reset the disengagement count.</summary>
    public static bool IsEngagement(string type) => type is Opened or Clicked or Replied;
}
