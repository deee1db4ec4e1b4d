namespace NurtureHealth.Leads;

/// <summary>What the lead agreed to, as recorded with it.</summary>
/// <param name="Email">Email consent when the record states it; null when it says nothing (the email policy decides).</param>
/// <param name="Sms">True only with the text shown and a time: SMS consent must be provable.</param>
/// <param name="SmsText">The consent wording the patient agreed to.</param>
/// <param name="At">When consent was given.</param>
public sealed record Consent(bool? Email, bool Sms, string? SmsText, DateTimeOffset? At);
