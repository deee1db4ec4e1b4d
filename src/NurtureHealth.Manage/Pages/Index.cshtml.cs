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

    /// <summary>How many changes wait for approval.</summary>
    public int Pending { get; private set; }

    /// <summary>GET.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Locations = [.. catalog.Group.Locations.Where(l => Person.CanRead(l.Id)).OrderBy(l => l.Name, StringComparer.Ordinal)];
        var all = await changes.ListAsync(Locations.Select(l => l.Id).ToList(), 200, cancellationToken);
        Pending = all.Count(c => c.Status == ChangeStatus.Pending);
        Recent = [.. all.Take(10)];
    }
}
