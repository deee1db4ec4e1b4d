namespace NurtureHealth.Leads;

/// <summary>How email consent is read.</summary>
public enum EmailConsentPolicy
{
    /// <summary>Send unless refused.</summary>
    Implied,

    /// <summary>Send only when given.</summary>
    Explicit,
}
