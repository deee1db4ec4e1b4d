using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Fhir;

/// <summary>
/// How NurtureHealth gets its own access tokens for the FHIR server (<c>Nurture:Fhir:Auth</c>): SMART Backend Services
/// (a client assertion JWT signed with <see cref="PrivateKeyFile"/>), or a client id and secret for EHRs that issue those.
/// </summary>
/// <remarks>
/// Tokens are asked for with the client credentials grant, cached until <see cref="RenewBefore"/> ahead of their expiry,
/// and asked for again when the FHIR server answers 401. The key and the secret never appear in logs or error messages.
/// </remarks>
public sealed class FhirAuthOptions
{
    /// <summary>The scopes asked for by default: what the polls, slots, <c>nurture locations sync</c> and write-back need.</summary>
    public const string DefaultScopes =
        "system/ServiceRequest.rs system/Patient.rs system/Appointment.rs system/Schedule.rs system/Slot.rs system/Location.rs "
        + "system/PractitionerRole.rs system/Practitioner.rs system/Communication.c system/Task.cu";

    /// <summary>The client id the EHR registered for NurtureHealth.</summary>
    public string? ClientId { get; set; }

    /// <summary>The token endpoint; empty reads it once from <c>{BaseUrl}/.well-known/smart-configuration</c>.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>A PEM file holding the private key whose public half the EHR has: RSA (signs RS384) or EC P-384 (signs ES384).</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>The <c>kid</c> the EHR knows the key by (its JWKS entry), when it asks for one.</summary>
    public string? KeyId { get; set; }

    /// <summary>Instead of a key: the client secret, sent with the client id as HTTP Basic (client_secret_basic).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The scopes asked for, space-separated.</summary>
    public string Scopes { get; set; } = DefaultScopes;

    /// <summary>How long before a token expires a new one is asked for (default 60 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Nurture:Fhir:Auth:RenewBefore must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>True when NurtureHealth fetches its own tokens.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) || !string.IsNullOrWhiteSpace(PrivateKeyFile)
        || !string.IsNullOrWhiteSpace(ClientSecret) || !string.IsNullOrWhiteSpace(TokenUrl);

    /// <summary>True when a signed JWT (rather than a secret) authenticates the client.</summary>
    public bool UsesKey => !string.IsNullOrWhiteSpace(PrivateKeyFile);
}
