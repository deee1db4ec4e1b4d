using NurtureHealth.Locations;

namespace NurtureHealth.Leads;

/// <summary>What the lead agreed to, as recorded with it.</summary>
/// <param name="Email">Email consent when the record states it; null when it says nothing (the email policy decides).</param>
/// <param name="Sms">True only with the text shown and a time: SMS consent must be provable.</param>
/// <param name="SmsText">The consent wording the patient agreed to.</param>
/// <param name="At">When consent was given.</param>
public sealed record Consent(bool? Email, bool Sms, string? SmsText, DateTimeOffset? At);

/// <summary>A lead record that passed validation, normalised: E.164 phone, lower-case email, BCP-47 language.</summary>
public sealed record ValidLead(
    int Line,
    string Id,
    DateTimeOffset SubmittedAt,
    string Source,
    string ServiceLine,
    string? Interest,
    string FirstName,
    string? LastName,
    string? Email,
    string? Phone,
    string? PostalCode,
    GeoPoint? Position,
    string Language,
    string? PreferredLocation,
    Consent Consent)
{
    /// <summary>Where the lead came from in another system (a FHIR <c>Patient/123</c>), when it did.</summary>
    public string? SourceReference { get; init; }

    /// <summary>The key one person is known by: the normalised email, else the E.164 phone.</summary>
    public string ContactKey => Email ?? Phone!;

    /// <summary>What resolution needs, and nothing else.</summary>
    public PlacementRequest ToPlacement() => new(Id, ServiceLine, Position, PostalCode, Language, PreferredLocation, ContactKey);
}
