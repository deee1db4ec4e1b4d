using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Checks;
using NurtureHealth.Storage;
using NurtureHealth.Workspace;

namespace NurtureHealth.Tests.Workspace;

/// <summary>A change from submitted to published or refused, on a copy of the sample content (a git repository where it matters).</summary>
public sealed class ContentChangesTests : IDisposable
{
    private const string Location = "tempe-downtown";
    private static readonly WorkspacePerson Dana = new("Dana Reyes", "dana", "dana@lakeshorehealth.example");
    private static readonly WorkspacePerson Sam = new("Sam Okafor", "sam", "sam@lakeshorehealth.example");

    private readonly NurtureServices _services = new();
    private readonly TempFolder _content = new();
    private readonly ContentChanges _changes;

    public ContentChangesTests()
    {
        _content.CopyFrom(TestPaths.Locations, "locations");
        _content.CopyFrom(TestPaths.Templates, "templates");
        _changes = new ContentChanges(_services.Get<IDbContextFactory<NurtureDbContext>>(), new ContentFolders(_content.File("locations"), _content.File("templates")), _services.Clock);
    }

    private string LocationFile => ContentFolders.LocationFile(Location);

    private string WithMonday(string hours) => (_changes.Folders.Read(LocationFile) ?? "").Replace("mon: \"07:30-16:30\"", $"mon: \"{hours}\"", StringComparison.Ordinal);

    [Fact]
    public async Task Submit_ThenApprove_WritesTheFileCommitsItAsTheAuthorAndKeepsTheAudit()
    {
        Git("init", "--quiet");
        Git("add", "--all");
        Git("-c", "user.name=Group", "-c", "user.email=group@example.org", "commit", "--quiet", "-m", "content");
        var before = _changes.Folders.Read(LocationFile);

        var change = await _changes.SubmitAsync(Location, LocationFile, WithMonday("08:00-17:00"), "opening hours", Dana, publishNow: false);

        Assert.Equal(ChangeStatus.Pending, change.Status);
        Assert.Equal(before, _changes.Folders.Read(LocationFile)); // nothing written before approval
        Assert.Contains("- " + "  mon: \"07:30-16:30\"\n+ " + "  mon: \"08:00-17:00\"", change.Diff, StringComparison.Ordinal);

        _services.Clock.Advance(TimeSpan.FromHours(2));
        var published = await _changes.ApproveAsync(change.Id, Sam);

        Assert.Equal(ChangeStatus.Published, published.Status);
        Assert.Contains("mon: \"08:00-17:00\"", _changes.Folders.Read(LocationFile), StringComparison.Ordinal);
        Assert.Equal($"Dana Reyes <dana@lakeshorehealth.example>|{Location}: opening hours", Git("log", "-1", "--format=%an <%ae>|%s").Trim());
        Assert.Contains("approved by Sam Okafor", Git("log", "-1", "--format=%b"), StringComparison.Ordinal);
        Assert.Equal(published.Commit, Git("rev-parse", "HEAD").Trim());
        var kept = Assert.Single(await _changes.ListAsync([Location]));
        Assert.Equal((ChangeStatus.Published, "Dana Reyes", "Sam Okafor", Some.Now, Some.Now.AddHours(2)), (kept.Status, kept.AuthorName, kept.ReviewerName, kept.CreatedAt, kept.ReviewedAt!.Value));
        Assert.Empty(await _changes.ListAsync(["oak-park"]));
    }

    [Fact]
    public async Task Approve_NotAGitRepository_WritesTheFileWithNoCommit()
    {
        var change = await _changes.SubmitAsync(Location, LocationFile, WithMonday("08:00-17:00"), "opening hours", Dana, publishNow: false);

        var published = await _changes.ApproveAsync(change.Id, Sam);

        Assert.Null(published.Commit);
        Assert.Contains("mon: \"08:00-17:00\"", _changes.Folders.Read(LocationFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithAnError_IsRefusedNamingTheFieldAndKeepsNothing()
    {
        var refused = await Assert.ThrowsAsync<ChangeRefusedException>(() =>
            _changes.SubmitAsync(Location, LocationFile, WithMonday("8 to 5"), "opening hours", Dana, publishNow: false));

        var finding = Assert.Single(refused.Findings);
        Assert.Contains("locations/tempe-downtown/location.yaml", finding, StringComparison.Ordinal);
        Assert.Contains("mon", finding, StringComparison.Ordinal);
        Assert.Empty(await _changes.ListAsync(null));
    }

    [Fact]
    public async Task Approve_AfterTheFileChangedElsewhere_MarksItStaleAndLeavesTheFile()
    {
        var change = await _changes.SubmitAsync(Location, LocationFile, WithMonday("08:00-17:00"), "opening hours", Dana, publishNow: false);
        var edited = WithMonday("06:00-12:00");
        File.WriteAllText(_changes.Folders.FullPath(LocationFile), edited); // someone edits the file by hand meanwhile

        var stale = await _changes.ApproveAsync(change.Id, Sam);

        Assert.Equal(ChangeStatus.Stale, stale.Status);
        Assert.Contains("was changed after this change was written", stale.Note, StringComparison.Ordinal);
        Assert.Equal(edited, _changes.Folders.Read(LocationFile));
        await Assert.ThrowsAsync<ChangeRefusedException>(() => _changes.ApproveAsync(change.Id, Sam));
    }

    [Fact]
    public async Task Reject_NeedsAReason_AndKeepsWhoAndWhy()
    {
        var change = await _changes.SubmitAsync(Location, LocationFile, WithMonday("08:00-17:00"), "opening hours", Dana, publishNow: false);

        await Assert.ThrowsAsync<ChangeRefusedException>(() => _changes.RejectAsync(change.Id, Sam, " "));
        var rejected = await _changes.RejectAsync(change.Id, Sam, "We open at 08:30 on Mondays.");

        Assert.Equal((ChangeStatus.Rejected, "Sam Okafor", "We open at 08:30 on Mondays."), (rejected.Status, rejected.ReviewerName, rejected.Note));
        Assert.DoesNotContain("08:00-17:00", _changes.Folders.Read(LocationFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_PublishNow_IsPublishedDirectlyByTheAuthor()
    {
        var change = await _changes.SubmitAsync(Location, LocationFile, WithMonday("08:00-17:00"), "opening hours", Dana, publishNow: true);

        Assert.Equal((ChangeStatus.Published, "Dana Reyes"), (change.Status, change.ReviewerName));
        Assert.Contains("mon: \"08:00-17:00\"", _changes.Folders.Read(LocationFile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnWording_SubmittedApprovedThenRevoked_IsUsedThenGone()
    {
        var file = ContentFolders.OverrideFile(Location, "skin-guide", "guide.en.md");
        var text = _changes.Folders.Read(ContentFolders.GroupFile("skin-guide", "guide.en.md"))!
            .Replace("Hi {{ patient.first_name }},", "Hi {{ patient.first_name }}, from all of us in Tempe,", StringComparison.Ordinal);

        using (var draft = DraftContent.Create(_changes.Folders, new Dictionary<string, string?> { [file] = text }))
        {
            var preview = draft.Preview(new PreviewRequest(Location, "skin-guide", "guide"));
            Assert.Contains("from all of us in Tempe", preview.Email!.Text, StringComparison.Ordinal);
        }

        await _changes.ApproveAsync((await _changes.SubmitAsync(Location, file, text, "own wording", Dana, publishNow: false)).Id, Sam);
        Assert.Equal(text, _changes.Folders.Read(file));

        await _changes.ApproveAsync((await _changes.SubmitAsync(Location, file, null, "back to the group's wording", Dana, publishNow: false)).Id, Sam);
        Assert.Null(_changes.Folders.Read(file));
        Assert.False(ContentCheck.Run(_content.File("locations"), _content.File("templates")).HasErrors);
    }

    [Fact]
    public async Task Submit_TheFileAsItIs_IsRefusedAsNothingToSubmit()
    {
        var e = await Assert.ThrowsAsync<ChangeRefusedException>(() =>
            _changes.SubmitAsync(Location, LocationFile, _changes.Folders.Read(LocationFile), "opening hours", Dana, publishNow: false));

        Assert.StartsWith("Nothing to submit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FullPath_NamesOutsideTheFolders_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => _changes.Folders.FullPath("locations/../../etc/passwd"));
        Assert.Throws<ArgumentException>(() => _changes.Folders.FullPath("/etc/passwd"));
        Assert.Throws<ArgumentException>(() => _changes.Folders.FullPath("secrets/key"));
    }

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _content.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.Equal(0, git.ExitCode);
        return output;
    }

    public void Dispose()
    {
        _services.Dispose();
        _content.Dispose();
    }
}
