using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Yaml;

namespace NurtureHealth.Templates;

/// <summary>
/// The templates in use, from <c>templates/</c> and the locations' overrides: loaded on first use (errors throw
/// <see cref="FileFindingsException"/> naming each one) and replaced as a whole by the worker's hot reload. A render reads one version.
/// </summary>
public sealed class TemplateContent(IOptions<TemplatesOptions> templates, IOptions<LocationsOptions> locationFiles, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private volatile TemplateVersion? _current;

    /// <summary>The live version.</summary>
    public TemplateVersion Current => _current ?? Load();

    /// <summary>The folder the templates are read from.</summary>
    public string Path => templates.Value.Path;

    /// <summary>Makes a newer, checked version live.</summary>
    public void Replace(TemplateLibrary library, IReadOnlyList<FileFinding> warnings) =>
        _current = new TemplateVersion(library, warnings, GitCommit.Of(Path), clock.GetUtcNow());

    private TemplateVersion Load()
    {
        lock (_gate)
        {
            if (_current is { } loaded)
            {
                return loaded;
            }

            var library = TemplateLibrary.TryLoad(Path, locationFiles.Value.Path, out var findings)
                          ?? throw new FileFindingsException(findings.OrderBy(f => f.Severity).ToList());
            return _current = new TemplateVersion(library, findings, GitCommit.Of(Path), clock.GetUtcNow());
        }
    }
}
