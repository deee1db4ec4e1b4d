namespace NurtureHealth.Leads;

/// <summary>
/// One record out of a lead file: where it started, its bytes exactly as read (kept with a
/// rejection so nothing is lost), and either the fields it carried or why it could not be read.
/// </summary>
public sealed record ParsedRecord(int Line, byte[] Raw, LeadDraft? Draft, LeadFieldError? Error);
