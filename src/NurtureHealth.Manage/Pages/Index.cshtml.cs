using NurtureHealth.Locations;
using NurtureHealth.Workspace;

namespace NurtureHealth.Manage.Pages;

/// <summary>The first page: the locations the person may see, what waits for approval, recent changes.</summary>
public sealed class IndexModel(LocationCatalog catalog, ContentChanges changes, Sequences.SequenceContent content) : WorkspacePage
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
            // The group's templates as the worker has them loaded (the same list every location's wording page starts from).
            GroupTemplates =
            [
                .. content.Templates.All.Where(t => t.LocationId is null).Select(t => (t.Sequence, Path.GetFileName(t.Path)))
                    .OrderBy(t => t.Sequence, StringComparer.Ordinal).ThenBy(t => t.Item2, StringComparer.Ordinal),
            ];
        }

        Pending = all.Count(c => c.Status == ChangeStatus.Pending);
        Recent = [.. all.Take(10)];
    }
}
