namespace NurtureHealth.Touches;

/// <summary>How an enrollment stands. Stored as the lower-case name, words joined by hyphens (<c>opted-out</c>).</summary>
public enum EnrollmentStatus
{
    /// <summary>Its messages go out.</summary>
    Active,

    /// <summary>The patient booked: it ended.</summary>
    Booked,

    /// <summary>The patient opted out of every channel that reaches them in it: it ended.</summary>
    OptedOut,

    /// <summary>Every step is done: it ended.</summary>
    Completed,

    /// <summary>Messages in a row with no open, click or reply: it ended.</summary>
    Disengaged,

    /// <summary>The patient wrote back: a person at the location answers, and nothing automatic goes out meanwhile.</summary>
    Paused,
}
