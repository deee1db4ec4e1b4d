using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using NurtureHealth.Leads;
using NurtureHealth.Locations.Sync;
using LanguageTag = NurtureHealth.Locations.LanguageTag;

namespace NurtureHealth.Fhir;

/// <summary>
/// Reads the clinic group's directory from the FHIR server — Locations, the PractitionerRoles at them, and those
/// roles' Practitioners, every page — and maps each resource field by field (documented in docs/locations.md,
/// "Syncing from FHIR").
/// </summary>
public static class FhirDirectory
{
    /// <summary>The Da Vinci PDex Plan-Net extension saying whether a role takes new patients.</summary>
    public const string NewPatientsExtension = "http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/newpatients";

    /// <summary>The core extension carrying a Location's IANA time zone (valueCode).</summary>
    public const string TimeZoneExtension = "http://hl7.org/fhir/StructureDefinition/timezone";

    private const int Chunk = 50;

    /// <summary>Every Location the search finds (all of them, or <see cref="FhirOptions.LocationSearch"/>), with its providers.</summary>
    public static async Task<(IReadOnlyList<LocationInFhir> Locations, int Roles)> ReadAsync(
        FhirClient client, FhirOptions options, IReadOnlySet<string> specialties, CancellationToken cancellationToken)
    {
        var query = new SearchParams().LimitTo(options.PageSize);
        foreach (var criterion in (options.LocationSearch ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            query.Where(criterion);
        }

        var locations = await FhirConnection.SearchAllAsync<Location>(client, query, cancellationToken);
        var roles = new Dictionary<string, PractitionerRole>(StringComparer.Ordinal);
        foreach (var chunk in locations.Select(l => $"Location/{l.Id}").Chunk(Chunk))
        {
            var found = await FhirConnection.SearchAllAsync<PractitionerRole>(client,
                new SearchParams().Where($"location={string.Join(',', chunk)}").LimitTo(options.PageSize), cancellationToken);
            foreach (var role in found.Where(r => r.Active != false))
            {
                roles[role.Id!] = role;
            }
        }

        var practitioners = new Dictionary<string, Practitioner>(StringComparer.Ordinal);
        foreach (var chunk in roles.Values.Select(r => FhirReference.IdOf(r.Practitioner?.Reference, "Practitioner")).OfType<string>().Distinct().Chunk(Chunk))
        {
            var found = await FhirConnection.SearchAllAsync<Practitioner>(client,
                new SearchParams().Where($"_id={string.Join(',', chunk)}").LimitTo(chunk.Length), cancellationToken);
            foreach (var practitioner in found)
            {
                practitioners[practitioner.Id!] = practitioner;
            }
        }

        var mapper = new SpecialtyMap(options, specialties);
        var result = locations.Select(location =>
        {
            var here = roles.Values.Where(r => r.Location.Any(l => FhirReference.IdOf(l.Reference, "Location") == location.Id))
                .GroupBy(r => FhirReference.IdOf(r.Practitioner?.Reference, "Practitioner"))
                .Where(g => g.Key is not null)
                .Select(g => MapProvider(g.Key!, practitioners.GetValueOrDefault(g.Key!), g.ToList(), mapper))
                .ToList();
            return MapLocation(location) with { Providers = here };
        }).ToList();
        return (result, roles.Count);
    }

    /// <summary>Maps a Location's own fields (not its providers).</summary>
    public static LocationInFhir MapLocation(Location location)
    {
        var notes = new List<string>();
        var address = location.Address;
        var lines = address?.Line.Where(l => !string.IsNullOrWhiteSpace(l)).ToList() ?? [];
        decimal? lat = location.Position?.Latitude, lon = location.Position?.Longitude;
        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            notes.Add($"position {lat}, {lon} is not on the map; not synced");
            lat = lon = null;
        }

        var phoneText = location.Telecom.Where(t => t.System == ContactPoint.ContactPointSystem.Phone && !string.IsNullOrWhiteSpace(t.Value))
            .OrderBy(t => t.Use == ContactPoint.ContactPointUse.Work ? 0 : 1).ThenBy(t => t.Rank ?? int.MaxValue).Select(t => t.Value).FirstOrDefault();
        var errors = new List<LeadFieldError>();
        var phone = PhoneNumber.Normalize(phoneText, errors);
        if (errors.Count > 0)
        {
            notes.Add($"telecom phone '{phoneText}' is not a usable number ({errors[0].Message}); not synced");
        }

        var zone = (location.GetExtension(TimeZoneExtension)?.Value as Code)?.Value;
        return new LocationInFhir(location.Id!)
        {
            Name = Blank(location.Name),
            Active = location.Status switch
            {
                Location.LocationStatus.Active => true,
                Location.LocationStatus.Inactive or Location.LocationStatus.Suspended => false,
                _ => null,
            },
            Latitude = lat,
            Longitude = lon,
            Line1 = lines.ElementAtOrDefault(0),
            Line2 = lines.ElementAtOrDefault(1),
            City = Blank(address?.City),
            State = Blank(address?.State),
            PostalCode = Blank(address?.PostalCode),
            Phone = phone,
            TimeZone = zone is not null && zone.Contains('/') && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) ? zone : null,
            Identifiers = location.Identifier.Where(i => i.System is not null && i.Value is not null).Select(i => (i.System!, i.Value!)).ToList(),
            Notes = notes,
        };
    }

    /// <summary>Maps a practitioner with their roles at one location.</summary>
    internal static ProviderInFhir MapProvider(string practitionerId, Practitioner? practitioner, IReadOnlyList<PractitionerRole> roles, SpecialtyMap specialties)
    {
        var name = practitioner?.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? practitioner?.Name.FirstOrDefault();
        var mapped = new List<string>();
        var unmapped = new List<string>();
        foreach (var concept in roles.SelectMany(r => r.Specialty))
        {
            var ids = concept.Coding.Select(specialties.Find).OfType<string>().ToList();
            mapped.AddRange(ids);
            if (ids.Count == 0)
            {
                unmapped.AddRange(concept.Coding.Select(c => $"{c.System}|{c.Code}" + (c.Display is null ? "" : $" ({c.Display})")));
            }
        }

        var languages = (practitioner?.Communication ?? []).SelectMany(c => c.Coding).Select(c => c.Code)
            .Select(code => LanguageTag.TryNormalize(code, out var tag) ? LanguageTag.Primary(tag) : null).OfType<string>().Distinct().ToList();
        var accepting = roles.Select(AcceptingNewPatients).Where(a => a is not null).ToList();
        return new ProviderInFhir(practitionerId)
        {
            Name = name is null ? null : DisplayName(name),
            IdName = name is null ? null : string.Join(' ', name.Given.Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } n ? n : Blank(name.Text?.Split(',')[0]),
            Specialties = mapped.Count == 0 ? null : mapped.Distinct().ToList(),
            Languages = languages.Count == 0 ? null : languages,
            AcceptingNewPatients = accepting.Count == 0 ? null : accepting.Any(a => a == true),
            UnmappedSpecialties = unmapped.Distinct().ToList(),
        };
    }

    /// <summary>
    /// The Plan-Net <c>newpatients</c> extension's nested <c>acceptingPatients</c>: <c>newpt</c> (or <c>yes</c>) accepts;
    /// <c>nopt</c>, <c>no</c>, and the existing-patients-only codes do not take new patients; absent says nothing.
    /// </summary>
    public static bool? AcceptingNewPatients(DomainResource resource)
    {
        foreach (var extension in resource.Extension.Where(e => e.Url == NewPatientsExtension))
        {
            var value = extension.Extension.FirstOrDefault(e => e.Url == "acceptingPatients")?.Value;
            if (value is FhirBoolean { Value: { } yes })
            {
                return yes;
            }

            var code = (value as CodeableConcept)?.Coding.Select(c => c.Code).FirstOrDefault(c => c is not null)?.ToLowerInvariant();
            switch (code)
            {
                case "newpt" or "yes":
                    return true;
                case "nopt" or "no" or "existptonly" or "existingptonly" or "existptfam":
                    return false;
            }
        }

        return null;
    }

    /// <summary>"Given Family, Suffix" (the name's text when it has one).</summary>
    private static string? DisplayName(HumanName name)
    {
        if (!string.IsNullOrWhiteSpace(name.Text))
        {
            return name.Text.Trim();
        }

        var core = string.Join(' ', name.Given.Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p)));
        var suffix = string.Join(", ", name.Suffix.Where(s => !string.IsNullOrWhiteSpace(s)));
        return core.Length == 0 ? null : suffix.Length == 0 ? core : $"{core}, {suffix}";
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
