using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Workspace;

namespace NurtureHealth.Manage.Pages;

/// <summary>
/// A location's page: opening hours, holidays and closures, providers; the check and preview as the manager types;
/// the location's own wording; its changes. Submitting keeps the change for group marketing's approval.
/// </summary>
public sealed class LocationModel(LocationCatalog catalog, ContentChanges changes, IOptions<ManageOptions> options) : WorkspacePage
{
    /// <summary>Opening hours per day key, as typed.</summary>
    [BindProperty]
    public Dictionary<string, string> Hours { get; set; } = [];

    /// <summary>Holidays and closures, one date per line.</summary>
    [BindProperty]
    public string? Holidays { get; set; }

    /// <summary>The ids of the providers ticked as taking new patients.</summary>
    [BindProperty]
    public List<string> Accepting { get; set; } = [];

    /// <summary>Languages per provider id, as typed ("en, es").</summary>
    [BindProperty]
    public Dictionary<string, string> Languages { get; set; } = [];

    /// <summary>The sequence previewed.</summary>
    [BindProperty]
    public string? Sequence { get; set; }

    /// <summary>The step previewed.</summary>
    [BindProperty]
    public string? Step { get; set; }

    /// <summary>The location's id (route).</summary>
    [FromRoute(Name = "location")]
    public string LocationId { get; set; } = "";

    /// <summary>The location as the worker has it now.</summary>
    public Location Location { get; private set; } = null!;

    /// <summary>The providers as the file lists them.</summary>
    public IReadOnlyList<ProviderEdit> Providers { get; private set; } = [];

    /// <summary>The check and preview.</summary>
    public PreviewPane Pane { get; private set; } = null!;

    /// <summary>The location's templates and whether it has its own wording for each.</summary>
    public IReadOnlyList<WordingLine> Wording { get; private set; } = [];

    /// <summary>The location's recent changes.</summary>
    public IReadOnlyList<ContentChange> Recent { get; private set; } = [];

    /// <summary>Why a submit was refused, and the findings that stop it.</summary>
    public ChangeRefusedException? Refused { get; private set; }

    /// <summary>GET: the form filled from the file.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Find() is not { } text)
        {
            return NotFound();
        }

        var current = LocationYamlEditor.Read(text);
        Hours = current.Hours.ToDictionary();
        Holidays = string.Join("\n", current.Holidays);
        Accepting = [.. current.Providers.Where(p => p.Accepting).Select(p => p.Id)];
        Languages = current.Providers.ToDictionary(p => p.Id, p => string.Join(", ", p.Languages));
        await Fill(current.Providers, [], cancellationToken);
        return Page();
    }

    /// <summary>POST ?handler=Preview: the pane for what the form says now (nothing is kept).</summary>
    public IActionResult OnPostPreview()
    {
        if (Find() is not { } text)
        {
            return NotFound();
        }

        Dictionary<string, string?> drafts;
        try
        {
            drafts = Drafts(text);
        }
        catch (FormatException e)
        {
            return Partial("_Preview", PreviewPane.Refused(e.Message));
        }

        using var draft = DraftContent.Create(changes.Folders, drafts);
        return Partial("_Preview", PreviewPane.Build(draft, LocationId, Sequence, Step));
    }

    /// <summary>POST ?handler=Submit: keeps the change for approval (or publishes hours directly when the group allows it).</summary>
    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        if (Find() is not { } text)
        {
            return NotFound();
        }

        var current = LocationYamlEditor.Read(text);
        var edit = Edit(current);
        string? after = null;
        try
        {
            after = LocationYamlEditor.Apply(text, edit);
            var hoursOnly = LocationYamlEditor.Apply(text, current.WithHoursOf(edit)) == after;
            var change = await changes.SubmitAsync(LocationId, ContentFolders.LocationFile(LocationId), after, Summary(current, edit), Person.Person,
                publishNow: hoursOnly && Person.Role == WorkspaceRole.Manager && options.Value.ManagersPublishHours, cancellationToken);
            return Redirect($"/manage/changes/{change.Id}");
        }
        catch (ChangeRefusedException e)
        {
            Refused = e;
            await Fill(current.Providers, new() { [ContentFolders.LocationFile(LocationId)] = after }, cancellationToken);
            return Page();
        }
        catch (FormatException e)
        {
            Refused = new ChangeRefusedException(e.Message);
            await Fill(current.Providers, [], cancellationToken);
            return Page();
        }
    }

    private string? Find()
    {
        Location = catalog.Group.Find(LocationId)!;
        return Location is null ? null : changes.Folders.Read(ContentFolders.LocationFile(LocationId));
    }

    private async Task Fill(IReadOnlyList<ProviderEdit> providers, Dictionary<string, string?> drafts, CancellationToken cancellationToken)
    {
        Providers = providers;
        using var draft = DraftContent.Create(changes.Folders, drafts);
        Pane = PreviewPane.Build(draft, LocationId, Sequence, Step);
        Wording = WordingLine.For(draft, LocationId);
        Recent = [.. (await changes.ListAsync([LocationId], 10, cancellationToken))];
    }

    private Dictionary<string, string?> Drafts(string text) => new()
    {
        [ContentFolders.LocationFile(LocationId)] = LocationYamlEditor.Apply(text, Edit(LocationYamlEditor.Read(text))),
    };

    private LocationEdit Edit(LocationEdit current) => new(
        LocationEdit.Days.ToDictionary(d => d, d => Hours.GetValueOrDefault(d) is { Length: > 0 } h ? h.Trim() : "closed"),
        [.. (Holidays ?? "").Split(['\n', ',', ' ', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        [.. current.Providers.Select(p => p with
        {
            Accepting = Accepting.Contains(p.Id),
            Languages = Languages.TryGetValue(p.Id, out var spoken)
                ? [.. spoken.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.ToLowerInvariant())]
                : p.Languages,
        })]);

    private static string Summary(LocationEdit before, LocationEdit after)
    {
        var parts = new List<string>();
        if (!LocationEdit.Days.All(d => before.Hours.GetValueOrDefault(d) == after.Hours.GetValueOrDefault(d)))
        {
            parts.Add("opening hours");
        }

        if (!before.Holidays.SequenceEqual(after.Holidays))
        {
            parts.Add("holidays and closures");
        }

        foreach (var (was, now) in before.Providers.Zip(after.Providers))
        {
            if (was.Accepting != now.Accepting)
            {
                parts.Add($"{was.Name} {(now.Accepting ? "takes" : "does not take")} new patients");
            }

            if (!was.Languages.SequenceEqual(now.Languages))
            {
                parts.Add($"{was.Name}'s languages");
            }
        }

        return parts.Count == 0 ? "no change" : string.Join(", ", parts);
    }
}
