using NurtureHealth.Yaml;

namespace NurtureHealth.Locations;

/// <summary>
/// Reads <c>locations/group.yaml</c> and every <c>locations/&lt;id&gt;/location.yaml</c> into a
/// <see cref="ClinicGroup"/>, collecting every mistake with its file, line and column.
/// </summary>
public static class ClinicGroupLoader
{
    /// <summary>The file at the top of the locations folder that describes the group.</summary>
    public const string GroupFileName = "group.yaml";

    /// <summary>The file inside each location's folder.</summary>
    public const string LocationFileName = "location.yaml";

    /// <summary>Loads the group or throws <see cref="FileFindingsException"/> listing every error.</summary>
    public static ClinicGroup Load(string directory)
    {
        var group = TryLoad(directory, out var findings);
        return group ?? throw new FileFindingsException(findings);
    }

    /// <summary>Loads the group; returns null when any finding is an error. Warnings come back either way.</summary>
    public static ClinicGroup? TryLoad(string directory, out IReadOnlyList<FileFinding> findings)
    {
        var list = new List<FileFinding>();
        findings = list;
        if (!Directory.Exists(directory))
        {
            list.Add(new FileFinding(Display(directory), 1, 1, FindingSeverity.Error,
                "the locations folder does not exist (pass --locations DIR or set Nurture:Locations:Path)"));
            return null;
        }

        var groupPath = Path.Combine(directory, GroupFileName);
        if (!File.Exists(groupPath))
        {
            list.Add(new FileFinding(Display(groupPath), 1, 1, FindingSeverity.Error,
                "group.yaml is missing: it names the group and lists its service lines and lead sources"));
            return null;
        }

        var catalogue = ReadGroup(groupPath, list);
        var locations = new List<Location>();
        var providerOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, LocationFileName);
            if (!File.Exists(file))
            {
                continue;
            }

            var location = LocationFile.Read(file, Display(file), Path.GetFileName(folder), catalogue, providerOwners, list);
            if (location is not null)
            {
                locations.Add(location);
            }
        }

        if (locations.Count == 0 && list.Count == 0)
        {
            list.Add(new FileFinding(Display(directory), 1, 1, FindingSeverity.Error,
                $"no locations: add a folder per location holding a {LocationFileName}"));
        }

        if (catalogue is null || list.Any(f => f.Severity == FindingSeverity.Error))
        {
            return null;
        }

        return new ClinicGroup(catalogue.Name, catalogue.ServiceLines, catalogue.LeadSources, locations)
        {
            SendWindows = catalogue.SendWindows,
            Holidays = catalogue.Holidays,
            EmailFromDomain = catalogue.EmailFromDomain,
        };
    }

    internal sealed record Catalogue(
        string Name,
        IReadOnlyDictionary<string, ServiceLine> ServiceLines,
        IReadOnlyList<string> LeadSources,
        SendWindows SendWindows,
        IReadOnlySet<DateOnly> Holidays,
        string EmailFromDomain)
    {
        /// <summary>Where the group's locations may be (<c>region:</c> in group.yaml), or null for anywhere.</summary>
        public Region? Region { get; init; }
    }

    /// <summary>A latitude/longitude box: where a group's locations are.</summary>
    internal sealed record Region(double South, double West, double North, double East)
    {
        public bool Contains(GeoPoint point) => point.Lat >= South && point.Lat <= North && point.Lon >= West && point.Lon <= East;

        public override string ToString() => $"lat {South}…{North}, lon {West}…{East}";
    }

    internal static Catalogue? ReadGroup(string path, List<FileFinding> findings)
    {
        var root = YamlDocumentReader.Open(path, Display(path), findings);
        if (root is null)
        {
            return null;
        }

        root.RejectUnknownKeys("name", "service_lines", "lead_sources", "send_windows", "holidays", "email_from_domain", "region");
        var name = root.String("name", required: true) ?? "";
        var lines = new Dictionary<string, ServiceLine>(StringComparer.Ordinal);
        var linesMap = root.Map("service_lines", required: true);
        foreach (var id in linesMap?.Keys ?? [])
        {
            var line = linesMap!.Map(id, required: true);
            if (line is null)
            {
                continue;
            }

            line.RejectUnknownKeys("name", "specialties");
            lines[id] = new ServiceLine(id, line.String("name") ?? id, line.StringList("specialties") is { Count: > 0 } s ? s : [id]);
        }

        var sources = root.StringList("lead_sources", required: true);
        var domain = root.String("email_from_domain") ?? "example.org";
        Region? region = null;
        if (root.Map("region") is { } box)
        {
            box.RejectUnknownKeys("south", "west", "north", "east");
            var (south, west, north, east) = (box.Double("south", required: true), box.Double("west", required: true), box.Double("north", required: true), box.Double("east", required: true));
            if (south is { } s && west is { } w && north is { } n && east is { } e)
            {
                if (s >= n || w >= e || !new GeoPoint(s, w).IsValid || !new GeoPoint(n, e).IsValid)
                {
                    root.File.Error(root.MarkOf("region"), $"region: south {s} must be below north {n} and west {w} below east {e}, all on the map");
                }
                else
                {
                    region = new Region(s, w, n, e);
                }
            }
        }

        return new Catalogue(name, lines, sources, SendingRules.ReadWindows(root), SendingRules.ReadHolidays(root), domain) { Region = region };
    }

    /// <summary>A path as findings show it: relative to the current folder when inside it.</summary>
    public static string Display(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
