using Hl7.Fhir.Model;

namespace NurtureHealth.Fhir;

/// <summary>
/// Maps a specialty coding to the group's specialty id: through <see cref="FhirOptions.SpecialtyCodes"/>, or when its
/// code already is one of the group's specialty ids (listed under the service lines in group.yaml).
/// </summary>
internal sealed class SpecialtyMap
{
    private readonly Dictionary<string, string> _codes = new(StringComparer.Ordinal);
    private readonly IReadOnlySet<string> _known;

    public SpecialtyMap(FhirOptions options, IReadOnlySet<string> known)
    {
        _known = known;
        foreach (var (specialty, codings) in options.SpecialtyCodes)
        {
            foreach (var coding in codings)
            {
                _codes[coding.Trim()] = specialty;
            }
        }
    }

    public string? Find(Coding coding) =>
        _codes.TryGetValue($"{coding.System}|{coding.Code}", out var id) ? id
        : coding.Code is { } code && _known.Contains(code) ? code
        : null;
}
