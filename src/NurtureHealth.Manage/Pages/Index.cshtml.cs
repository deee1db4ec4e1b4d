using NurtureHealth.Locations;
using NurtureHealth.Workspace;

namespace NurtureHealth.Manage.Pages;

/// <summary>The first page: the locations the person may see, what waits for approval, recent changes.</summary>
public sealed class IndexModel(LocationCatalog catalog, ContentChanges changes) : WorkspacePage
{
    /// <summary>The locations the person may see.</summary>
    public IReadOnlyList<Location> Locations { get; private set; } = [];

    /// <summary>The newest changes of those locations.</summary>
    public IReadOnlyList<ContentChange> Recent { get; private set; } = [];

    /// <summary>The group's template files (sequence, file name), for group marketing.</summary>
    public IReadOnlyList<(string Sequence, string File)> GroupTemplates { get; private set; } = [];

    /// <summary>How many changes wait for approval.</summary>
    public int Pending { get; private set; }

    /// <summary>GET.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Locations = [.. catalog.Group.Locations.Where(l => Person.CanRead(l.Id)).OrderBy(l => l.Name, StringComparer.Ordinal)];
        var all = await changes.ListAsync(Person.CanApprove ? null : Locations.Select(l => l.Id).ToList(), 200, cancellationToken);
        if (Person.CanApprove)
        {
            GroupTemplates = [.. GroupTemplateFiles(changes.Folders.Templates)];
        }

        Pending = all.Count(c => c.Status == ChangeStatus.Pending);
        Recent = [.. all.Take(10)];
    }

    private static IEnumerable<(string, string)> GroupTemplateFiles(string templates) =>
        Directory.Exists(templates)
            ? Directory.EnumerateDirectories(templates).Select(Path.GetFileName).OfType<string>().Where(s => !s.StartsWith('_') && !s.StartsWith('.')).Order(StringComparer.Ordinal)
                .SelectMany(s => Directory.EnumerateFiles(Path.Combine(templates, s)).Select(Path.GetFileName).OfType<string>()
                    .Where(f => f.Split('.').Length == 3 && (f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal)))
                    .Order(StringComparer.Ordinal).Select(f => (s, f)))
            : [];
}
