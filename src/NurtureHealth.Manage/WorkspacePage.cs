using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NurtureHealth.Manage;

/// <summary>A workspace page: the signed-in person, as <see cref="LocationAccessFilter"/> read them before the handler ran.</summary>
public abstract class WorkspacePage : PageModel
{
    /// <summary>The person, their role and locations.</summary>
    public WorkspaceUser Person => (WorkspaceUser)HttpContext.Items[typeof(WorkspaceUser)]!;
}
