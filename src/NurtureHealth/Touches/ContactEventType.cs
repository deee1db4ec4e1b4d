namespace NurtureHealth.Touches;

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
