namespace NurtureHealth.Workspace;

/// <summary>
/// One change a location manager asked for in the workspace (<c>content_changes</c>): the file, its text before and
/// after, the diff, who wrote it and when, who approved or refused it and when, and the commit it became. Kept for the
/// audit trail whatever happens to it; it holds location content only, never patient data.
/// </summary>
public sealed class ContentChange
{
    /// <summary>The <see cref="LocationId"/> of a change to the group's own templates.</summary>
    public const string GroupId = "(group)";

    /// <summary>Row id.</summary>
    public long Id { get; set; }

    /// <summary>The location the change is for.</summary>
    public string LocationId { get; set; } = "";

    /// <summary>The file, relative to the content root: <c>locations/tempe-downtown/location.yaml</c>.</summary>
    public string File { get; set; } = "";

    /// <summary>What changed, in words: "opening hours, holidays".</summary>
    public string Summary { get; set; } = "";

    /// <summary>The file's text when the change was written; null when the file did not exist.</summary>
    public string? Before { get; set; }

    /// <summary>The file's text the change asks for; null to delete it (back to the group's wording).</summary>
    public string? After { get; set; }

    /// <summary>The lines removed and added (<see cref="LineDiff"/>).</summary>
    public string Diff { get; set; } = "";

    /// <summary>Where it stands.</summary>
    public ChangeStatus Status { get; set; }

    /// <summary>The author's name, from the identity provider.</summary>
    public string AuthorName { get; set; } = "";

    /// <summary>The author's stable id at the identity provider (<c>sub</c>).</summary>
    public string AuthorId { get; set; } = "";

    /// <summary>The author's email, from the identity provider: the commit's author address.</summary>
    public string AuthorEmail { get; set; } = "";

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who approved or refused it; the author when managers may publish hours directly.</summary>
    public string? ReviewerName { get; set; }

    /// <summary>When it was approved or refused.</summary>
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>Why it was refused, or why publishing failed.</summary>
    public string? Note { get; set; }

    /// <summary>The git commit that holds it, when the content folder is a git repository.</summary>
    public string? Commit { get; set; }
}
