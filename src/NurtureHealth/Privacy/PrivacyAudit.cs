namespace NurtureHealth.Privacy;

/// <summary>
/// One purge or erasure, kept for the audit trail (<c>privacy_audit</c>): what was done, when, by whom, to how many rows
/// and files — and, for an erasure, only the keyed hash of the address asked about.
/// </summary>
public sealed class PrivacyAudit
{
    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary><c>forget</c>, <c>purge-rejected-raw</c>, <c>purge-ended-enrollments</c> or <c>purge-outbox</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>Who: <c>retention</c> for the daily job, else what the operator gave (<c>--by</c>) or the machine's user.</summary>
    public string Actor { get; set; } = "";

    /// <summary>For an erasure, the keyed hash of the email or number asked about; never the address.</summary>
    public string? Subject { get; set; }

    /// <summary>What was purged, in words and counts (ids and numbers only).</summary>
    public string Detail { get; set; } = "";
}
