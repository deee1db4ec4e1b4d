using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Messaging.Sms;

/// <summary>Sending SMS through Twilio's REST API (<c>Nurture:Twilio</c>). Setting <see cref="AccountSid"/> switches SMS from the file outbox to Twilio.</summary>
public sealed class TwilioOptions : IValidatableObject
{
    /// <summary>The account (AC…); empty keeps SMS in the file outbox.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The account's auth token: signs Twilio's webhooks (and authenticates, when no API key is set).</summary>
    public string? AuthToken { get; set; }

    /// <summary>An API key (SK…) to authenticate with instead of the auth token (recommended).</summary>
    public string? ApiKeySid { get; set; }

    public string? ApiKeySecret { get; set; }

    /// <summary>Send every message through this Messaging Service (MG…) instead of a location's number.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>The API's address (default https://api.twilio.com); tests point it at a local server.</summary>
    [Url(ErrorMessage = "Nurture:Twilio:BaseUrl must be an absolute URL.")]
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>Messages per second per sending number or service (default 1, a US long code's limit).</summary>
    [Range(0.1, 1000, ErrorMessage = "Nurture:Twilio:MessagesPerSecond must be between 0.1 and 1000.")]
    public double MessagesPerSecond { get; set; } = 1;

    /// <summary>How long to wait for Twilio's answer to one request (default 30 seconds). No answer in time is Uncertain: the message may exist.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Nurture:Twilio:Timeout must be between 00:00:01 and 00:05:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when SMS go through Twilio.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(AccountSid);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (!AccountSid!.StartsWith("AC", StringComparison.Ordinal) || AccountSid.Length != 34)
        {
            yield return new ValidationResult("Nurture:Twilio:AccountSid must be an account SID: AC followed by 32 characters.", [nameof(AccountSid)]);
        }

        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            yield return new ValidationResult("Nurture:Twilio:AuthToken is required: it checks the signature on Twilio's webhooks.", [nameof(AuthToken)]);
        }

        if (string.IsNullOrWhiteSpace(ApiKeySid) != string.IsNullOrWhiteSpace(ApiKeySecret))
        {
            yield return new ValidationResult("Nurture:Twilio:ApiKeySid and Nurture:Twilio:ApiKeySecret go together: set both or neither.", [nameof(ApiKeySid)]);
        }
    }
}
