using Microsoft.Extensions.Options;

namespace NurtureHealth.Fhir;

/// <summary>Checks <c>Nurture:Fhir:Auth</c> at start: one way to authenticate, a client id with it, a key that can sign.</summary>
internal sealed class FhirAuthValidator(IOptions<FhirOptions> fhir) : IValidateOptions<FhirAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, FhirAuthOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(fhir.Value.BearerToken))
        {
            failures.Add("Nurture:Fhir:BearerToken and Nurture:Fhir:Auth are both set: use a static token or have NurtureHealth fetch its own (Auth), not both.");
        }

        var hasSecret = !string.IsNullOrWhiteSpace(options.ClientSecret);
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Nurture:Fhir:Auth:ClientId is required with Nurture:Fhir:Auth: it is the client id the EHR registered for NurtureHealth.");
        }

        if (options.UsesKey && hasSecret)
        {
            failures.Add("Nurture:Fhir:Auth:PrivateKeyFile and Nurture:Fhir:Auth:ClientSecret are both set: use the key (SMART Backend Services) or the secret, not both.");
        }
        else if (!options.UsesKey && !hasSecret)
        {
            failures.Add("Nurture:Fhir:Auth needs Nurture:Fhir:Auth:PrivateKeyFile (SMART Backend Services) or Nurture:Fhir:Auth:ClientSecret.");
        }

        if (!string.IsNullOrWhiteSpace(options.TokenUrl)
            && !(Uri.TryCreate(options.TokenUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"))
        {
            failures.Add($"Nurture:Fhir:Auth:TokenUrl must be an absolute http(s) address, not '{options.TokenUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Scopes))
        {
            failures.Add("Nurture:Fhir:Auth:Scopes must name at least one scope.");
        }

        if (options.UsesKey && !hasSecret)
        {
            try
            {
                using var key = SmartSigningKey.Load(options.PrivateKeyFile!, options.KeyId);
            }
            catch (SmartTokenException e)
            {
                failures.Add(e.Reason + ".");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
