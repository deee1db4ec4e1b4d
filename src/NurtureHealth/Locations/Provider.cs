namespace NurtureHealth.Locations;

/// <summary>A clinician at a location.</summary>
public sealed record Provider(
    string Id,
    string Name,
    string? Title,
    IReadOnlyList<string> Specialties,
    IReadOnlyList<string> Languages,
    bool AcceptingNewPatients)
{
    /// <summary>The <c>fhir_id</c> key: the provider's Practitioner resource id on the clinic's FHIR server.</summary>
    public string? FhirId { get; init; }

    /// <summary>True when the provider speaks the language (primary subtag, case-insensitive: <c>es-MX</c> matches <c>es</c>).</summary>
    public bool Speaks(string language)
    {
        var primary = LanguageTag.Primary(language);
        return Languages.Any(l => string.Equals(LanguageTag.Primary(l), primary, StringComparison.OrdinalIgnoreCase));
    }
}
