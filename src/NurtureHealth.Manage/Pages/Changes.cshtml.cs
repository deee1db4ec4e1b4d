using Microsoft.AspNetCore.Mvc;
using NurtureHealth.Locations;
using NurtureHealth.Workspace;

namespace NurtureHealth.Manage.Pages;

/// <summary>The audit: every change to the locations the person may see — who wrote it, when, who approved it.</summary>
public sealed class ChangesModel(LocationCatalog catalog, ContentChanges changes) : WorkspacePage
{
    /// <summary><c>pending</c> to show only what waits for approval.</summary>
    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    /// <summary>The changes shown.</summary>
    public IReadOnlyList<ContentChange> List { get; private set; } = [];

    /// <summary>GET.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var readable = catalog.Group.Locations.Where(l => Person.CanRead(l.Id)).Select(l => l.Id).ToList();
        var all = await changes.ListAsync(Person.CanApprove ? null : readable, 500, cancellationToken);
        List = Status == "pending" ? [.. all.Where(c => c.Status == ChangeStatus.Pending)] : all;
    }
}
