namespace NurtureHealth.Leads;

/// <summary>
/// What is wrong with one field of a lead record. <see cref="Code"/> is stable (for counting and
/// filtering); <see cref="Message"/> is for people and never quotes a patient's name, email, phone,
/// postal code, position or interest.
/// </summary>
/// <param name="Field">The field's name in the lead record format (<c>consent.sms_text</c>), or <c>record</c> for the whole record.</param>
/// <param name="Code">A reason code such as <c>invalid-email</c>.</param>
/// <param name="Message">A sentence saying what is wrong and, where it helps, how to fix it.</param>
public sealed record LeadFieldError(string Field, string Code, string Message);
