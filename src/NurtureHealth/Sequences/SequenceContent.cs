using Microsoft.Extensions.Options;
using NurtureHealth.Checks;
using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>One checked version of the templates and sequences, and where it came from.</summary>
/// <param name="Templates">The templates.</param>
/// <param name="Sequences">The sequences.</param>
/// <param name="Warnings">Warnings found while loading (the content works, but deserves a look).</param>
/// <param name="Commit">The git commit of the templates folder when it is a git checkout (<c>-modified</c> when it has uncommitted changes), else null.</param>
/// <param name="LoadedAt">When this version was loaded.</param>
public sealed record ContentVersion(TemplateLibrary Templates, SequenceCatalog Sequences, IReadOnlyList<FileFinding> Warnings, string? Commit, DateTimeOffset LoadedAt);

/// <summary>
/// The templates and sequences as loaded from <c>templates/</c> and the locations' overrides, checked
/// against the group. Loaded on first use; errors throw <see cref="FileFindingsException"/> naming each one.
/// The worker's hot reload replaces the live version with a newer one that passed the check; a render reads one
/// whole version.
/// </summary>
public sealed class SequenceContent(LocationCatalog locations, IOptions<TemplatesOptions> templates, IOptions<LocationsOptions> locationFiles, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private volatile ContentVersion? _current;

    /// <summary>The live version.</summary>
    public ContentVersion Current => _current ?? Load();

    /// <summary>The templates.</summary>
    public TemplateLibrary Templates => Current.Templates;

    /// <summary>The sequences.</summary>
    public SequenceCatalog Sequences => Current.Sequences;

    /// <summary>Warnings found while loading (the content works, but deserves a look).</summary>
    public IReadOnlyList<FileFinding> Warnings => Current.Warnings;

    /// <summary>The folder the templates are read from.</summary>
    public string Path => templates.Value.Path;

    /// <summary>Makes a newer, checked version live.</summary>
    public void Replace(TemplateLibrary library, SequenceCatalog catalog, IReadOnlyList<FileFinding> warnings) =>
        _current = new ContentVersion(library, catalog, warnings, GitCommit.Of(templates.Value.Path), clock.GetUtcNow());

    private ContentVersion Load()
    {
        lock (_gate)
        {
            if (_current is { } loaded)
            {
                return loaded;
            }

            var library = TemplateLibrary.TryLoad(templates.Value.Path, locationFiles.Value.Path, out var templateFindings);
            var findings = templateFindings.ToList();
            var catalog = library is null ? null : SequenceCatalog.TryLoad(templates.Value.Path, locations.Group, library, findings);
            if (library is null || catalog is null)
            {
                throw new FileFindingsException(findings.OrderBy(f => f.Severity).ToList());
            }

            return _current = new ContentVersion(library, catalog, findings, GitCommit.Of(templates.Value.Path), clock.GetUtcNow());
        }
    }
}
