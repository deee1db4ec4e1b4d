namespace NurtureHealth.Locations;

/// <summary>The clinic group: its name, catalogue of service lines and lead sources, and its locations.</summary>
public sealed class ClinicGroup
{
    private readonly Dictionary<string, Location> _byId;

    /// <summary>Creates a group; <paramref name="locations"/> keep their order.</summary>
    public ClinicGroup(
        string name,
        IReadOnlyDictionary<string, ServiceLine> serviceLines,
        IReadOnlyList<string> leadSources,
        IReadOnlyList<Location> locations)
    {
        Name = name;
        ServiceLines = serviceLines;
        LeadSources = leadSources;
        Locations = locations;
        _byId = locations.ToDictionary(l => l.Id, StringComparer.Ordinal);
    }

    /// <summary>The group's name as patients know it.</summary>
    public string Name { get; }

    /// <summary>Service lines by id.</summary>
    public IReadOnlyDictionary<string, ServiceLine> ServiceLines { get; }

    /// <summary>The lead sources intake accepts (web-form, guide-download, …).</summary>
    public IReadOnlyList<string> LeadSources { get; }

    /// <summary>Every location, active or not, in id order.</summary>
    public IReadOnlyList<Location> Locations { get; }

    /// <summary>The group-wide send windows (<c>send_windows</c> in group.yaml); a location's own win.</summary>
    public SendWindows SendWindows { get; init; } = SendWindows.Unset;

    /// <summary>Local dates on which no location sends anything (<c>holidays</c> in group.yaml).</summary>
    public IReadOnlySet<DateOnly> Holidays { get; init; } = new HashSet<DateOnly>();

    /// <summary>The domain emails are sent from (<c>email_from_domain</c>): a location without <c>email_from</c> sends as <c>&lt;id&gt;@domain</c>.</summary>
    public string EmailFromDomain { get; init; } = "example.org";

    /// <summary>The location with this id, or null.</summary>
    public Location? Find(string id) => _byId.GetValueOrDefault(id);
}
