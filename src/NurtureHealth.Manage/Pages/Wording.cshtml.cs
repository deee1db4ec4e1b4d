using Microsoft.AspNetCore.Mvc;
using NurtureHealth.Locations;
using NurtureHealth.Workspace;

namespace NurtureHealth.Manage.Pages;

/// <summary>
/// One message's wording for one location: the group's text to start from or the location's own, edited with the check
/// and the preview beside it; submitting asks marketing to approve the location's own wording (or going back to the group's).
/// Under <c>/manage/group/wording/…</c> (no location) it is the group's own template, for group marketing only.
/// </summary>
public sealed class WordingModel(LocationCatalog catalog, ContentChanges changes, Sequences.SequenceContent sequences) : WorkspacePage
{
    /// <summary>The location (route).</summary>
    [FromRoute(Name = "location")]
    public string LocationId { get; set; } = "";

    /// <summary>The sequence folder (route).</summary>
    [FromRoute(Name = "sequence")]
    public string SequenceId { get; set; } = "";

    /// <summary>The template file name in the group's sequence folder (route).</summary>
    [FromRoute(Name = "file")]
    public string FileName { get; set; } = "";

    /// <summary>The text as typed.</summary>
    [BindProperty]
    public string Text { get; set; } = "";

    /// <summary>The location.</summary>
    public Location Location { get; private set; } = null!;

    /// <summary>True when the location has its own wording now.</summary>
    public bool Own { get; private set; }

    /// <summary>The check and preview.</summary>
    public PreviewPane Pane { get; private set; } = null!;

    /// <summary>Why a submit was refused.</summary>
    public ChangeRefusedException? Refused { get; private set; }

    /// <summary>True for the group's template (no location in the address).</summary>
    public bool IsGroup => string.IsNullOrEmpty(LocationId);

    /// <summary>The file a submitted change writes: the location's own wording, or the group's template.</summary>
    public string OverrideFile => IsGroup ? ContentFolders.GroupFile(SequenceId, FileName) : ContentFolders.OverrideFile(LocationId, SequenceId, FileName);

    /// <summary>Where the page posts to.</summary>
    public string Address => IsGroup ? $"/manage/group/wording/{SequenceId}/{FileName}" : $"/manage/locations/{LocationId}/wording/{SequenceId}/{FileName}";

    /// <summary>The location the preview is rendered for.</summary>
    private string PreviewLocation => Location.Id;

    /// <summary>The change's location: <see cref="ContentChange.GroupId"/> for the group's template.</summary>
    private string ChangeLocation => IsGroup ? ContentChange.GroupId : LocationId;

    /// <summary>GET: the location's wording, else the group's to start from.</summary>
    public IActionResult OnGet()
    {
        if (IsGroup && !Person.CanApprove)
        {
            return LocationAccessFilter.Refuse("Only group marketing changes the group's templates.");
        }

        if (!Find())
        {
            return NotFound();
        }

        var own = changes.Folders.Read(OverrideFile);
        Own = own is not null;
        Text = own ?? changes.Folders.Read(ContentFolders.GroupFile(SequenceId, FileName)) ?? "";
        Fill(new Dictionary<string, string?>());
        return Page();
    }

    /// <summary>POST ?handler=Preview.</summary>
    public IActionResult OnPostPreview()
    {
        if (IsGroup && !Person.CanApprove)
        {
            return LocationAccessFilter.Refuse("Only group marketing changes the group's templates.");
        }

        if (!Find())
        {
            return NotFound();
        }

        using var draft = DraftContent.Create(changes.Folders, new Dictionary<string, string?> { [OverrideFile] = Text });
        return Partial("_Preview", PreviewPane.Build(draft, PreviewLocation, SequenceId, StepOf(draft), TemplateId()) with { Picks = false });
    }

    /// <summary>POST ?handler=Submit: this location's own wording.</summary>
    public Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken) =>
        Submit(Text.Replace("\r\n", "\n", StringComparison.Ordinal), $"own wording of {SequenceId}/{FileName}", cancellationToken);

    /// <summary>POST ?handler=Revert: back to the group's wording.</summary>
    public Task<IActionResult> OnPostRevertAsync(CancellationToken cancellationToken) =>
        Submit(null, $"back to the group's wording of {SequenceId}/{FileName}", cancellationToken);

    private async Task<IActionResult> Submit(string? text, string summary, CancellationToken cancellationToken)
    {
        if (IsGroup && (!Person.CanApprove || text is null))
        {
            return LocationAccessFilter.Refuse("Only group marketing changes the group's templates, and a group template cannot be removed here.");
        }

        if (!Find())
        {
            return NotFound();
        }

        try
        {
            var change = await changes.SubmitAsync(ChangeLocation, OverrideFile, text, summary, Person.Person, publishNow: false, cancellationToken);
            return Redirect($"/manage/changes/{change.Id}");
        }
        catch (ChangeRefusedException e)
        {
            Refused = e;
            Own = changes.Folders.Read(OverrideFile) is not null;
            Fill(new Dictionary<string, string?> { [OverrideFile] = text });
            return Page();
        }
    }

    /// <summary>True when the location and a group template of that name exist (nothing else can be named: no path leaves the folders).</summary>
    private bool Find()
    {
        Location = (IsGroup ? catalog.Group.Locations.FirstOrDefault(l => l.Active && Serves(l)) : catalog.Group.Find(LocationId))!;
        if (Location is null || FileName.Contains('/', StringComparison.Ordinal) || FileName.StartsWith('.') || SequenceId.Contains('/', StringComparison.Ordinal) || SequenceId.StartsWith('.'))
        {
            return false;
        }

        return TemplateId() is not null && changes.Folders.Read(ContentFolders.GroupFile(SequenceId, FileName)) is not null;
    }

    private bool Serves(Location location) => sequences.Sequences.Find(SequenceId)?.ServiceLines.Any(location.ServiceLines.Contains) ?? false;

    /// <summary>The template's id: the file name before its language and extension (<c>book</c> of <c>book.en.md</c>).</summary>
    private string? TemplateId()
    {
        var parts = FileName.Split('.');
        return parts.Length == 3 && parts[0].Length > 0 ? parts[0] : null;
    }

    private void Fill(Dictionary<string, string?> drafts)
    {
        using var draft = DraftContent.Create(changes.Folders, drafts);
        Pane = PreviewPane.Build(draft, PreviewLocation, SequenceId, StepOf(draft), TemplateId()) with { Picks = false };
    }

    private string? StepOf(DraftContent draft)
    {
        var sequence = draft.Check.Sequences?.Find(SequenceId);
        var template = TemplateId();
        return sequence?.Steps.FirstOrDefault(s => s.Id == template || s.Choices.Any(c => c.Template == template) || s.Variants.Any(v => v.Template == template))?.Id;
    }
}
