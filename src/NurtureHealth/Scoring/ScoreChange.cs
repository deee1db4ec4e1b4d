namespace NurtureHealth.Scoring;

/// <summary>One change to a contact's score and the rule that made it (<c>score_changes</c>).</summary>
public sealed class ScoreChange
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The rule, in words: <c>fit: source web-form</c>, <c>behaviour: clicked</c>.</summary>
    public string Rule { get; set; } = "";

    /// <summary>Points the rule added.</summary>
    public double Points { get; set; }

    /// <summary>The score before the rule, after decay to <see cref="At"/>.</summary>
    public double Before { get; set; }

    /// <summary>The score after.</summary>
    public double After { get; set; }
}

/// <summary>A lead handed to the location's staff (<c>hand_offs</c>), and whether the staff were told.</summary>
public sealed class HandOff
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public long? EnrollmentId { get; set; }
    public string LocationId { get; set; } = "";

    /// <summary><see cref="HandOffReason"/>.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Why now, in words for staff: <c>score 64 crossed 60 (clicked the booking link)</c>.</summary>
    public string Detail { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>What happened to the notification: sent, or why not (no staff_email).</summary>
    public string? NotifyOutcome { get; set; }
}

/// <summary>Why a lead was handed off.</summary>
public static class HandOffReason
{
    /// <summary>The score crossed the threshold.</summary>
    public const string Score = "score";

    /// <summary>A booking-link click with no booking after the set time.</summary>
    public const string HotLead = "hot-lead";
}
