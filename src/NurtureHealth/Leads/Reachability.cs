using NurtureHealth.Touches;

namespace NurtureHealth.Leads;

/// <summary>
/// Which channels can reach a person now: an address or number, consent (SMS always needs it recorded; email as
/// <see cref="ConsentOptions"/> says), no opt-out, not on the suppression list. The one rule planning and sending both ask.
/// </summary>
public sealed record Reachability(bool HasEmail, bool EmailConsentRefused, bool EmailOptedOut, bool HasPhone, bool SmsConsent, bool SmsOptedOut)
{
    /// <summary>Why the email address is on the suppression list, when it is.</summary>
    public string? EmailSuppressed { get; init; }

    /// <summary>Why the number is on the suppression list, when it is.</summary>
    public string? SmsSuppressed { get; init; }

    /// <summary>Why a channel cannot be used now, or null when it can.</summary>
    public string? WhyNot(Channel channel) => channel == Channel.Sms
        ? !HasPhone ? "no phone number" : !SmsConsent ? "no recorded SMS consent" : SmsOptedOut ? "opted out of SMS"
            : SmsSuppressed is { } sms ? $"number on the suppression list ({sms})" : null
        : !HasEmail ? "no email address" : EmailConsentRefused ? "no email consent" : EmailOptedOut ? "unsubscribed from email"
            : EmailSuppressed is { } email ? $"address on the suppression list ({email})" : null;

    /// <summary>True when at least one channel can reach the person.</summary>
    public bool Any => WhyNot(Channel.Email) is null || WhyNot(Channel.Sms) is null;

    /// <summary>What reaches <paramref name="contact"/>, given why their address and number are suppressed (null when they are not).</summary>
    public static Reachability Of(Contact contact, EmailConsentPolicy policy, string? emailSuppressed, string? smsSuppressed) =>
        new(contact.Email is not null, policy == EmailConsentPolicy.Explicit ? contact.EmailConsent != true : contact.EmailConsent == false,
            contact.EmailOptedOutAt is not null, contact.Phone is not null, contact.SmsConsent, contact.SmsOptedOutAt is not null)
        {
            EmailSuppressed = emailSuppressed,
            SmsSuppressed = smsSuppressed,
        };

    /// <summary>True when the person asked for a channel to stop (unsubscribed, STOP), as opposed to its being missing or bouncing.</summary>
    public bool OptedOut(Channel channel) => channel == Channel.Sms
        ? HasPhone && (SmsOptedOut || SmsSuppressed is "opted-out" or "opted out")
        : HasEmail && (EmailOptedOut || EmailSuppressed is "unsubscribed" or "opted-out");
}
