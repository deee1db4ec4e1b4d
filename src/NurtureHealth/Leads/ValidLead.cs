using NurtureHealth.Locations;

namespace NurtureHealth.Leads;

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
