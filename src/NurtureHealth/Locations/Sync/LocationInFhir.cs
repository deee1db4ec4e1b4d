namespace NurtureHealth.Locations.Sync;

/// <summary>
/// A clinic location as the FHIR server describes it: its Location resource, with the providers who have an active
/// PractitionerRole there. A null member means the server says nothing about it, and the location file keeps its own.
/// </summary>
public sealed record LocationInFhir(string FhirId)
{
    /// <summary><c>Location.name</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>Location.status</c>: active → true; suspended or inactive → false.</summary>
    public bool? Active { get; init; }

    /// <summary><c>Location.position.latitude</c>.</summary>
    public decimal? Latitude { get; init; }

    /// <summary><c>Location.position.longitude</c>.</summary>
    public decimal? Longitude { get; init; }

    /// <summary><c>Location.address.line[0]</c>.</summary>
    public string? Line1 { get; init; }

    /// <summary><c>Location.address.line[1]</c>.</summary>
    public string? Line2 { get; init; }

    /// <summary><c>Location.address.city</c>.</summary>
    public string? City { get; init; }

    /// <summary><c>Location.address.state</c>.</summary>
    public string? State { get; init; }

    /// <summary><c>Location.address.postalCode</c>.</summary>
    public string? PostalCode { get; init; }

    /// <summary>The work phone from <c>Location.telecom</c>, in E.164.</summary>
    public string? Phone { get; init; }

    /// <summary>The IANA time zone of the <c>http://hl7.org/fhir/StructureDefinition/timezone</c> extension, when the server gives one.</summary>
    public string? TimeZone { get; init; }

    /// <summary><c>Location.identifier</c>s as (system, value).</summary>
    public IReadOnlyList<(string System, string Value)> Identifiers { get; init; } = [];

    /// <summary>The providers with an active PractitionerRole at this location.</summary>
    public IReadOnlyList<ProviderInFhir> Providers { get; init; } = [];

    /// <summary>What could not be read from the resource, in words (a phone that is not a number).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
