using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>
/// The sequences as loaded from <c>templates/</c>, checked against the group and against the templates in use
/// (<see cref="TemplateContent"/>). Loaded on first use; errors throw <see cref="FileFindingsException"/> naming each one.
/// The worker's hot reload replaces templates and sequences together with a newer version that passed the check.
/// </summary>
public sealed class SequenceContent(LocationCatalog locations, TemplateContent templates, TimeProvider clock)
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

    /// <summary>The folder the templates and sequences are read from.</summary>
    public string Path => templates.Path;

    /// <summary>Makes a newer, checked version of the templates and sequences live, together.</summary>
    public void Replace(TemplateLibrary library, SequenceCatalog catalog, IReadOnlyList<FileFinding> warnings)
    {
        templates.Replace(library, warnings);
        var version = templates.Current;
        _current = new ContentVersion(version.Library, catalog, warnings, version.Commit, clock.GetUtcNow());
    }

    private ContentVersion Load()
    {
        lock (_gate)
        {
            if (_current is { } loaded)
            {
                return loaded;
            }

            var version = templates.Current;
            var findings = version.Warnings.ToList();
            var catalog = SequenceCatalog.TryLoad(templates.Path, locations.Group, version.Library, findings)
                          ?? throw new FileFindingsException(findings.OrderBy(f => f.Severity).ToList());
            return _current = new ContentVersion(version.Library, catalog, findings, version.Commit, clock.GetUtcNow());
        }
    }
}
