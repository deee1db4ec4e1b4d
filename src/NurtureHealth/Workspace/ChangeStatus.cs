namespace NurtureHealth.Workspace;

/// <summary>Where a <see cref="ContentChange"/> stands.</summary>
public enum ChangeStatus
{
    /// <summary>Submitted; waits for group marketing.</summary>
    Pending,

    /// <summary>Approved and written to the file (and committed when it is a git repository).</summary>
    Published,

    /// <summary>Refused by group marketing, with a note.</summary>
    Rejected,

    /// <summary>Not published: the file changed after the change was written, so it would have undone someone else's edit.</summary>
    Stale,
}
