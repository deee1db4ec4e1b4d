using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Checks;
using NurtureHealth.Locations;
using NurtureHealth.Sequences;

namespace NurtureHealth.Tests.Checks;

/// <summary>Hot reload: a valid change to a copy of the sample files goes live; a broken one does not, and health says why.</summary>
public sealed class ContentWatcherTests : IDisposable
{
    private readonly TempFolder _content = new();
    private readonly NurtureServices _services;
    private readonly ContentWatcher _watcher;

    public ContentWatcherTests()
    {
        _content.CopyFrom(TestPaths.Locations, "locations");
        _content.CopyFrom(TestPaths.Templates, "templates");
        _services = new NurtureServices(new Dictionary<string, string?>
        {
            ["Nurture:Locations:Path"] = _content.File("locations"),
            ["Nurture:Templates:Path"] = _content.File("templates"),
        });
        _watcher = new ContentWatcher(Locations, Content, Options.Create(new ContentCheckOptions()), Options.Create(new HotReloadOptions { Enabled = false }),
            _services.Get<ILogger<ContentWatcher>>());
        _watcher.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    private LocationCatalog Locations => _services.Get<LocationCatalog>();

    private SequenceContent Content => _services.Get<SequenceContent>();

    [Fact]
    public void Reload_NothingChanged_IsUnchangedAndHealthy()
    {
        Assert.Equal(ReloadOutcome.Unchanged, _watcher.Reload());
        Assert.Equal(HealthStatus.Healthy, Health().Status);
    }

    [Fact]
    public void Reload_ValidTemplateEdit_IsLiveForTheNextRender()
    {
        var before = Content.Templates.Find("chicago-lincoln-park", "skin-guide", "guide", "en")!;
        Edit("templates/skin-guide/guide.en.md", "Hi {{ patient.first_name }},", "Hello {{ patient.first_name }},");

        Assert.Equal(ReloadOutcome.Applied, _watcher.Reload());

        var after = Content.Templates.Find("chicago-lincoln-park", "skin-guide", "guide", "en")!;
        Assert.NotEqual(before.Hash, after.Hash);
        Assert.StartsWith("Hello", after.BodySource, StringComparison.Ordinal);
        Assert.Contains(_services.Log.Lines, l => l.Contains("Content change applied", StringComparison.Ordinal) && l.Contains("guide.en.md", StringComparison.Ordinal));
    }

    [Fact]
    public void Reload_ValidLocationEdit_ChangesTheLiveGroup()
    {
        Edit("locations/chicago-lincoln-park/location.yaml", "phone: \"+13125550142\"", "phone: \"+13125550199\"");

        Assert.Equal(ReloadOutcome.Applied, _watcher.Reload());

        Assert.Equal("+13125550199", Locations.Group.Find("chicago-lincoln-park")!.Phone);
    }

    [Fact]
    public void Reload_BrokenThenFixed_KeepsTheLastGoodVersionAndHealthIsDegradedUntilFixed()
    {
        Edit("templates/skin-guide/guide.en.md", "Hi {{ patient.first_name }},", "Hello {{ patient.first_name }},");
        Assert.Equal(ReloadOutcome.Applied, _watcher.Reload());
        var good = Content.Current;

        Edit("templates/skin-guide/guide.en.md", "Hello {{ patient.first_name }},", "Hello {{ patient.frist_name }},");
        Edit("locations/chicago-lincoln-park/location.yaml", "timezone: America/Chicago", "timezone: Chicago");

        Assert.Equal(ReloadOutcome.Rejected, _watcher.Reload());
        Assert.Same(good, Content.Current);
        Assert.Equal("America/Chicago", Locations.Group.Find("chicago-lincoln-park")!.TimeZone.Id);
        var health = Health();
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("guide.en.md:5:", health.Description, StringComparison.Ordinal);
        Assert.Contains("location.yaml:", health.Description, StringComparison.Ordinal);
        Assert.Contains("timezone 'Chicago'", health.Description, StringComparison.Ordinal);
        Assert.Contains(_services.Log.Lines, l => l.Contains("Content change NOT applied", StringComparison.Ordinal) && l.Contains("patient.frist_name", StringComparison.Ordinal));

        Edit("templates/skin-guide/guide.en.md", "patient.frist_name", "patient.first_name");
        Assert.Equal(ReloadOutcome.Rejected, _watcher.Reload()); // the time zone is still wrong
        Edit("locations/chicago-lincoln-park/location.yaml", "timezone: Chicago", "timezone: America/Chicago");

        Assert.Equal(ReloadOutcome.Applied, _watcher.Reload());
        Assert.Equal(HealthStatus.Healthy, Health().Status);
        Assert.NotSame(good, Content.Current);
    }

    [Fact]
    public void GitCommit_OfAFolderInACheckout_IsItsHeadAndSaysWhenModified()
    {
        Assert.Null(NurtureHealth.Templates.GitCommit.Of(_content.File("templates")));

        var repo = _content.File("repo");
        _content.CopyFrom(Path.Combine(TestPaths.Templates, "skin-guide"), Path.Combine("repo", "templates", "skin-guide"));
        Git(repo, "init", "-q");
        Git(repo, "add", ".");
        Git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "templates");
        var head = Git(repo, "rev-parse", "HEAD");

        Assert.Equal(head, NurtureHealth.Templates.GitCommit.Of(Path.Combine(repo, "templates")));

        File.AppendAllText(Path.Combine(repo, "templates", "skin-guide", "guide.en.md"), "\nP.S.\n");
        Assert.Equal(head + "-modified", NurtureHealth.Templates.GitCommit.Of(Path.Combine(repo, "templates")));
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _services.Dispose();
        _content.Dispose();
    }

    private HealthCheckResult Health() => _watcher.CheckHealthAsync(new HealthCheckContext()).GetAwaiter().GetResult();

    private void Edit(string file, string from, string to)
    {
        var path = _content.File(file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);

        // Keep the size and time test-proof: the watcher compares both, and a same-second edit of equal length must still count.
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
    }

    private static string Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {error}");
        return output.Trim();
    }
}
