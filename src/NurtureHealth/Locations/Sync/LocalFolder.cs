using NurtureHealth.Yaml;
using YamlDotNet.Core;

namespace NurtureHealth.Locations.Sync;

/// <summary>
/// The locations folder as the sync sees it: group.yaml's service lines and specialties, and each location file as
/// editable text with its id, fhir_id and name. It is read for structure only, so a location with a wrong time zone still
/// syncs; a file that is not YAML at all stops the sync (its fhir_id cannot be known, and a duplicate would follow).
/// </summary>
internal sealed record LocalFolder(
    string Root,
    string GroupName,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> ServiceLines,
    IReadOnlyList<LocalLocation> Locations)
{
    /// <summary>Every specialty id group.yaml lists under its service lines.</summary>
    public IReadOnlySet<string> Specialties => ServiceLines.SelectMany(s => s.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every provider id used anywhere in the group.</summary>
    public IEnumerable<string> ProviderIds => Locations.SelectMany(l => l.Yaml.Find("providers") is YamlListSpan list
        ? list.Items.Select((_, i) => l.Yaml.Scalar("providers", i, "id")).OfType<string>()
        : []);

    /// <summary>Reads the folder; throws <see cref="FileFindingsException"/> naming every file that cannot be read.</summary>
    public static LocalFolder Read(string root)
    {
        var findings = new List<FileFinding>();
        var groupPath = Path.Combine(root, ClinicGroupLoader.GroupFileName);
        if (!Directory.Exists(root) || !File.Exists(groupPath))
        {
            throw new FileFindingsException([new FileFinding(ClinicGroupLoader.Display(groupPath), 1, 1, FindingSeverity.Error,
                "group.yaml is missing: the sync needs the group's service lines and specialties (pass --locations DIR or set Nurture:Locations:Path)")]);
        }

        var group = ClinicGroupLoader.ReadGroup(groupPath, findings);
        var locations = new List<LocalLocation>();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, ClinicGroupLoader.LocationFileName);
            if (!File.Exists(path))
            {
                continue;
            }

            var display = ClinicGroupLoader.Display(path);
            try
            {
                var yaml = YamlText.Parse(File.ReadAllText(path));
                locations.Add(new LocalLocation(Path.GetFileName(folder), folder, path, display, yaml));
            }
            catch (YamlException e)
            {
                findings.Add(new FileFinding(display, (int)e.Start.Line, (int)e.Start.Column, FindingSeverity.Error,
                    $"not valid YAML ({e.InnerException?.Message ?? e.Message}); fix it before syncing"));
            }
            catch (FormatException e)
            {
                findings.Add(new FileFinding(display, 1, 1, FindingSeverity.Error, $"{e.Message}; fix it before syncing"));
            }
        }

        if (group is null || findings.Any(f => f.Severity == FindingSeverity.Error))
        {
            throw new FileFindingsException(findings);
        }

        var lines = group.ServiceLines.Select(s => new KeyValuePair<string, IReadOnlyList<string>>(s.Key, s.Value.Specialties)).ToList();
        return new LocalFolder(root, group.Name, lines, locations);
    }
}
