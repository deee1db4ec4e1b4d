using NurtureHealth.Workspace;

namespace NurtureHealth.Manage;

/// <summary>How the pages name things.</summary>
public static class ChangeWords
{
    /// <summary>A change's status in words.</summary>
    public static string Status(ChangeStatus status) => status switch
    {
        ChangeStatus.Pending => "waiting for approval",
        ChangeStatus.Published => "published",
        ChangeStatus.Rejected => "refused",
        ChangeStatus.Stale => "not published: the file changed meanwhile",
        _ => status.ToString(),
    };
}
