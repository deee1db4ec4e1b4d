namespace NurtureHealth.Workspace;

/// <summary>
/// What the workspace lets a manager change in <c>location.yaml</c>: opening hours per day (<c>"08:00-17:00"</c>, spans
/// separated by commas, or <c>closed</c>), the location's holidays and closures (<c>yyyy-MM-dd</c>), and per provider
/// whether they take new patients and the languages they speak.
/// </summary>
public sealed record LocationEdit(IReadOnlyDictionary<string, string> Hours, IReadOnlyList<string> Holidays, IReadOnlyList<ProviderEdit> Providers)
{
    /// <summary>The day keys in the order a week is shown.</summary>
    public static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>The same edit with only hours and holidays taken from <paramref name="other"/>.</summary>
    public LocationEdit WithHoursOf(LocationEdit other) => this with { Hours = other.Hours, Holidays = other.Holidays };
}

/// <summary>One provider's editable facts.</summary>
public sealed record ProviderEdit(string Id, string Name, bool Accepting, IReadOnlyList<string> Languages);
