using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>
/// Checks everything a location manager edits — <c>locations/</c> (group.yaml, each location.yaml, local template
/// overrides) and <c>templates/</c> (sequences, templates, layouts) — the one way <c>nurture check</c>, the preview
/// and the worker's hot reload all see it. Never throws for a mistake in a file: every mistake is a finding.
/// </summary>
public static class ContentCheck
{
    /// <summary>Loads and checks both folders.</summary>
    public static ContentCheckResult Run(string locationsDirectory, string templatesDirectory, ContentCheckOptions? options = null)
    {
        options ??= new ContentCheckOptions();
        var findings = new List<FileFinding>();
        var group = ClinicGroupLoader.TryLoad(locationsDirectory, out var locationFindings);
        findings.AddRange(locationFindings);
        var templates = TemplateLibrary.TryLoad(templatesDirectory, locationsDirectory, out var templateFindings);
        findings.AddRange(templateFindings);
        SequenceCatalog? sequences = null;
        if (group is not null && templates is not null)
        {
            sequences = SequenceCatalog.TryLoad(templatesDirectory, group, templates, findings);
        }

        if (group is not null && templates is not null && sequences is not null)
        {
            ContentRules.Check(group, templates, sequences, options, findings);
        }

        var ordered = findings.Distinct()
            .OrderBy(f => f.Severity).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column)
            .ToList();
        var ok = !ordered.Any(f => f.Severity == FindingSeverity.Error);
        return new ContentCheckResult(ordered, ok ? group : null, ok ? templates : null, ok ? sequences : null)
        {
            Files = new[] { locationsDirectory, templatesDirectory }.Where(Directory.Exists)
                .Sum(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith('.'))),
        };
    }
}
