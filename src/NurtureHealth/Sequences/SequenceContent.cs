using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>
/// The templates and sequences as loaded from <c>templates/</c> and the locations' overrides, checked
/// against the group. Loaded on first use; errors throw <see cref="FileFindingsException"/> naming each one.
/// </summary>
public sealed class SequenceContent(LocationCatalog locations, IOptions<TemplatesOptions> templates, IOptions<LocationsOptions> locationFiles)
{
    private readonly Lazy<(TemplateLibrary Templates, SequenceCatalog Sequences, IReadOnlyList<FileFinding> Warnings)> _loaded = new(() =>
    {
        var library = TemplateLibrary.TryLoad(templates.Value.Path, locationFiles.Value.Path, out var templateFindings);
        var findings = templateFindings.ToList();
        var catalog = library is null ? null : SequenceCatalog.TryLoad(templates.Value.Path, locations.Group, library, findings);
        if (library is null || catalog is null)
        {
            throw new FileFindingsException(findings.OrderBy(f => f.Severity).ToList());
        }

        return (library, catalog, findings);
    });

    /// <summary>The templates.</summary>
    public TemplateLibrary Templates => _loaded.Value.Templates;

    /// <summary>The sequences.</summary>
    public SequenceCatalog Sequences => _loaded.Value.Sequences;

    /// <summary>Warnings found while loading (the content works, but deserves a look).</summary>
    public IReadOnlyList<FileFinding> Warnings => _loaded.Value.Warnings;
}
