namespace NurtureHealth.Leads;

/// <summary>When email may be sent (<c>Nurture:Consent</c>). SMS always needs recorded consent.</summary>
public sealed class ConsentOptions
{
    /// <summary>
    /// <c>Implied</c> (default): email unless the lead said no (<c>consent.email: false</c>) — the person asked
    /// the clinic for information. <c>Explicit</c>: only with <c>consent.email: true</c>.
    /// </summary>
    public EmailConsentPolicy Email { get; set; } = EmailConsentPolicy.Implied;
}
