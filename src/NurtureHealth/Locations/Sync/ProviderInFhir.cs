namespace NurtureHealth.Locations.Sync;

/// <summary>A provider as the FHIR server describes them at one location: their Practitioner, and their PractitionerRoles there.</summary>
public sealed record ProviderInFhir(string FhirId)
{
    /// <summary>The display name, such as "Ana Ruiz, MD".</summary>
    public string? Name { get; init; }

    /// <summary>The name a new provider's id is made from: given and family names, without prefix or suffix.</summary>
    public string? IdName { get; init; }

    /// <summary>The group's specialty ids the roles' <c>specialty</c> codings map to; null when none maps.</summary>
    public IReadOnlyList<string>? Specialties { get; init; }

    /// <summary>Primary language subtags from <c>Practitioner.communication</c>; null when the server lists none.</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>From the Plan-Net <c>newpatients</c> extension on the roles; null when no role carries it.</summary>
    public bool? AcceptingNewPatients { get; init; }

    /// <summary>Specialty codings ("system|code (display)") that map to none of the group's specialties.</summary>
    public IReadOnlyList<string> UnmappedSpecialties { get; init; } = [];
}
