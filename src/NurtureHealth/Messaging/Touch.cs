namespace NurtureHealth.Messaging;

/// <summary>
/// One planned message. It moves Scheduled → Claimed (a lease) → Sending → Sent | Failed, or ends
/// Cancelled or Skipped with a reason. A touch found in Sending after a crash is reconciled with the
/// sender or marked Uncertain — never blindly sent again.
/// </summary>
public sealed class Touch
{
    public long Id { get; set; }
    public long EnrollmentId { get; set; }
    public long ContactId { get; set; }
    public int StepIndex { get; set; }
    public string StepId { get; set; } = "";
    public string Channel { get; set; } = "";
    public string Stage { get; set; } = "";
    public string LocationId { get; set; } = "";

    /// <summary>When it is due: already moved into the location's send window and held to the frequency cap.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary><see cref="TouchStatus"/>.</summary>
    public string Status { get; set; } = TouchStatus.Scheduled;
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SendingAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Why it was skipped, cancelled, deferred or failed.</summary>
    public string? Outcome { get; set; }

    /// <summary>The sender's id for the message: the Message-ID of an email, the SID of an SMS.</summary>
    public string? ProviderMessageId { get; set; }
    public string? Subject { get; set; }
    public string? SmsEncoding { get; set; }
    public int? SmsSegments { get; set; }

    /// <summary>What the channel reported afterwards: queued, sent, delivered, undelivered, failed.</summary>
    public string? DeliveryStatus { get; set; }

    /// <summary>The channel's error code for a delivery that failed (Twilio 30003…).</summary>
    public string? DeliveryError { get; set; }

    /// <summary>The channel of a wait-until step's touch: it sends nothing, and is due when the wait times out.</summary>
    public const string WaitChannel = "wait";

    /// <summary>For a wait-until step: when the wait times out (an event can make the touch due earlier).</summary>
    public DateTimeOffset? WaitDeadline { get; set; }

    /// <summary>The A/B variant of the step this patient gets, when the step has variants.</summary>
    public string? Variant { get; set; }

    /// <summary>Provenance: the template file and its SHA-256.</summary>
    public string? TemplatePath { get; set; }
    public string? TemplateHash { get; set; }

    /// <summary>Provenance of an email: the shared layout (<c>templates/_layouts/email.LANG.html</c>, with its .txt) and the SHA-256 of both.</summary>
    public string? LayoutPath { get; set; }
    public string? LayoutHash { get; set; }

    /// <summary>Provenance: the git commit of the templates folder when it was loaded (<c>-modified</c> with uncommitted changes), or null.</summary>
    public string? ContentCommit { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The states of a touch.</summary>
public static class TouchStatus
{
    public const string Scheduled = "scheduled";
    public const string Claimed = "claimed";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Skipped = "skipped";
    public const string Uncertain = "uncertain";
}
