namespace NurtureHealth.Locations;

/// <summary>One clinic location, as its manager describes it in <c>locations/&lt;id&gt;/location.yaml</c>.</summary>
public sealed record Location(
    string Id,
    string Name,
    bool Active,
    TimeZoneInfo TimeZone,
    GeoPoint Position,
    PostalAddress Address,
    string Phone,
    Uri BookingUrl,
    IReadOnlyList<string> ServiceLines,
    OpeningHours Hours,
    IReadOnlyList<Provider> Providers)
{
    /// <summary>True when the location lists the service line.</summary>
    public bool Offers(string serviceLine) => ServiceLines.Contains(serviceLine, StringComparer.Ordinal);
}

/// <summary>A location's postal address (shown in every email, as CAN-SPAM requires).</summary>
public sealed record PostalAddress(string Line1, string? Line2, string City, string State, string PostalCode)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line2 is null ? $"{Line1}, {City}, {State} {PostalCode}" : $"{Line1}, {Line2}, {City}, {State} {PostalCode}";
}

/// <summary>A clinician at a location.</summary>
public sealed record Provider(
    string Id,
    string Name,
    string? Title,
    IReadOnlyList<string> Specialties,
    IReadOnlyList<string> Languages,
    bool AcceptingNewPatients)
{
    /// <summary>True when the provider speaks the language (primary subtag, case-insensitive: <c>es-MX</c> matches <c>es</c>).</summary>
    public bool Speaks(string language)
    {
        var primary = LanguageTag.Primary(language);
        return Languages.Any(l => string.Equals(LanguageTag.Primary(l), primary, StringComparison.OrdinalIgnoreCase));
    }
}
