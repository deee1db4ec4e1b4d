using Microsoft.AspNetCore.Mvc;
using NurtureHealth.Workspace;

namespace NurtureHealth.Manage.Pages;

/// <summary>One change: its diff and history; group marketing approves (publishes) or refuses it here.</summary>
public sealed class ChangeModel(ContentChanges changes) : WorkspacePage
{
    /// <summary>The change's id (route).</summary>
    [FromRoute(Name = "id")]
    public long Id { get; set; }

    /// <summary>Why it is refused (the reject form).</summary>
    [BindProperty]
    public string Reason { get; set; } = "";

    /// <summary>The change.</summary>
    public ContentChange Change { get; private set; } = null!;

    /// <summary>Why approving or refusing did not happen.</summary>
    public ChangeRefusedException? Refused { get; private set; }

    /// <summary>GET.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await Load(cancellationToken) ?? Page();

    /// <summary>POST ?handler=Approve: publish it (marketing only).</summary>
    public Task<IActionResult> OnPostApproveAsync(CancellationToken cancellationToken) =>
        Review(() => changes.ApproveAsync(Id, Person.Person, cancellationToken), cancellationToken);

    /// <summary>POST ?handler=Reject: refuse it with a reason (marketing only).</summary>
    public Task<IActionResult> OnPostRejectAsync(CancellationToken cancellationToken) =>
        Review(() => changes.RejectAsync(Id, Person.Person, Reason, cancellationToken), cancellationToken);

    private async Task<IActionResult> Review(Func<Task<ContentChange>> act, CancellationToken cancellationToken)
    {
        if (await Load(cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (!Person.CanApprove)
        {
            return LocationAccessFilter.Refuse("Only group marketing approves or refuses changes.");
        }

        try
        {
            await act();
            return Redirect($"/manage/changes/{Id}");
        }
        catch (ChangeRefusedException e)
        {
            Refused = e;
            return await Load(cancellationToken) ?? Page();
        }
    }

    /// <summary>Loads the change; a result when it is not there (404) or not the person's to see (403).</summary>
    private async Task<IActionResult?> Load(CancellationToken cancellationToken)
    {
        var change = await changes.FindAsync(Id, cancellationToken);
        if (change is null)
        {
            return NotFound();
        }

        if (!Person.CanRead(change.LocationId))
        {
            return LocationAccessFilter.Refuse("You do not have access to this location's changes.");
        }

        Change = change;
        return null;
    }
}
