namespace NurtureHealth.Leads;

/// <summary>
/// One person, however many leads they submitted: leads with the same normalised email or phone
/// merge into one contact. A contact merged into another keeps its row with <see cref="MergedIntoId"/> set.
/// </summary>
public sealed class Contact
{
    public long Id { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string FirstName { get; set; } = "";
    public string? LastName { get; set; }
    public string Language { get; set; } = "en";
    public bool? EmailConsent { get; set; }
    public bool SmsConsent { get; set; }
    public string? SmsConsentText { get; set; }
    public DateTimeOffset? SmsConsentAt { get; set; }
    public string? SmsConsentLeadId { get; set; }
    public DateTimeOffset LastLeadAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long? MergedIntoId { get; set; }

    /// <summary>Set when the person opted out of SMS (STOP): no SMS to them from any location or sequence.</summary>
    public DateTimeOffset? SmsOptedOutAt { get; set; }

    /// <summary>Set when the person unsubscribed from email.</summary>
    public DateTimeOffset? EmailOptedOutAt { get; set; }

    /// <summary>The lead score as of <see cref="ScoreAt"/> (it decays from there; see <c>Scoring.LeadScore</c>).</summary>
    public double Score { get; set; }

    /// <summary>When <see cref="Score"/> was last changed.</summary>
    public DateTimeOffset? ScoreAt { get; set; }
}
