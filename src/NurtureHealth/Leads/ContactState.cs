namespace NurtureHealth.Leads;

/// <summary>A contact as intake sees it while a batch is being matched; written back at the end of the batch.</summary>
internal sealed class ContactState
{
    public long Id { get; set; }
    public bool IsNew { get; set; }
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

    /// <summary>Set when this contact turned out to be the same person as another, older one.</summary>
    public ContactState? MergedInto { get; set; }

    public ContactState Root => MergedInto is null ? this : MergedInto.Root;
}
