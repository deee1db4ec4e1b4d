namespace NurtureHealth.Locations;

/// <summary>A service line the group offers, and the provider specialties that can see its patients.</summary>
public sealed record ServiceLine(string Id, string Name, IReadOnlyList<string> Specialties)
{
    /// <summary>True when one of the provider's specialties serves this line.</summary>
    public bool IsServedBy(Provider provider) =>
        provider.Specialties.Any(s => Specialties.Contains(s, StringComparer.Ordinal));
}
