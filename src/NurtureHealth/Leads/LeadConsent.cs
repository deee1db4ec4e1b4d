namespace NurtureHealth.Leads;

/// <summary>Reads the consent a lead carries: to email, to text (with the wording agreed to, so it can be proven), and when.</summary>
internal static class LeadConsent
{
    private const int MaxConsentTextLength = 2000;

    public static Consent Read(LeadDraft draft, DateTimeOffset? submittedAt, LeadTimestamp timestamps, List<LeadFieldError> errors)
    {
        var email = Flag("consent.email", draft["consent.email"], errors);
        var sms = Flag("consent.sms", draft["consent.sms"], errors) ?? false;
        var text = FreeText.Normalize("consent.sms_text", draft["consent.sms_text"], MaxConsentTextLength, "invalid-consent", errors);
        var at = timestamps.Normalize("consent.at", draft["consent.at"], required: false, errors);
        if (sms && text is null && draft["consent.sms_text"] is null)
        {
            errors.Add(new LeadFieldError("consent.sms_text", "invalid-consent",
                "consent.sms is true but consent.sms_text (the wording the patient agreed to) is missing; SMS consent must be provable"));
        }

        // A consent given on the form is given when the form was submitted, unless the record says otherwise.
        return new Consent(email, sms, sms ? text : null, at ?? submittedAt);
    }

    private static bool? Flag(string field, string? value, List<LeadFieldError> errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "y" or "1":
                return true;
            case "false" or "no" or "n" or "0":
                return false;
            default:
                errors.Add(new LeadFieldError(field, "invalid-consent", $"{field} must be true or false, not '{LeadValidator.Quote(value)}'"));
                return null;
        }
    }
}
