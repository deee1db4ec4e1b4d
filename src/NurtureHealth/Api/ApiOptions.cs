using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Api;

/// <summary>
/// The integration API (<c>Nurture:Api</c>): <c>POST /intake/fhir</c> and <c>POST /bookings</c>. Callers present one
/// of <see cref="Keys"/>; a booking system that cannot hold a key may sign its body with <see cref="SigningSecret"/>
/// instead. With neither configured, both endpoints answer 401 and say which setting is missing.
/// </summary>
public sealed class ApiOptions : IValidatableObject
{
    /// <summary>Accepted API keys (<c>Authorization: Bearer …</c> or <c>X-Api-Key</c>); several, so a key can be rotated without downtime.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>The shared secret for <c>X-Nurture-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> (bookings only).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The largest request body accepted (default 10 MiB); larger gets 413.</summary>
    [Range(1024, 256L << 20, ErrorMessage = "Nurture:Api:MaxBodyBytes must be between 1024 and 268435456.")]
    public long MaxBodyBytes { get; set; } = 10L << 20;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Keys.Any(k => k.Trim().Length < 24))
        {
            yield return new ValidationResult("Nurture:Api:Keys: every key must be at least 24 characters (generate one with `openssl rand -hex 24`).", [nameof(Keys)]);
        }

        if (SigningSecret is { } secret && secret.Length < 24)
        {
            yield return new ValidationResult("Nurture:Api:SigningSecret must be at least 24 characters.", [nameof(SigningSecret)]);
        }
    }
}
