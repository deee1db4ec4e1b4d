using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>
/// Hot reload: watches <c>locations/</c> and <c>templates/</c> while the worker runs. A change that passes
/// <see cref="ContentCheck"/> becomes live for every message rendered after it, without a restart; a change with
/// errors is not applied — the last good version stays in use, the findings are logged, and the health endpoint
/// reports <c>content</c> as degraded until the files are fixed.
/// </summary>
/// <remarks>
/// Changes are noticed by a file-system watcher and, as a backstop for file systems that do not report changes
/// (network shares, some container mounts), by comparing the folders' file list, sizes and times every few seconds.
/// A burst of saves is checked once, after the folders have been quiet for <see cref="HotReloadOptions.Delay"/>.
/// </remarks>
public sealed partial class ContentWatcher(
    LocationCatalog locations,
    SequenceContent content,
    IOptions<ContentCheckOptions> checkOptions,
    IOptions<HotReloadOptions> options,
    ILogger<ContentWatcher> logger) : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan Backstop = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly Lock _gate = new();
    private Dictionary<string, (long Length, long Ticks)> _seen = [];
    private IReadOnlyList<FileFinding>? _rejected;
    private DateTimeOffset _appliedAt;

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The version the worker starts with (a folder with errors stops the start, naming them), and the files it came from.
        _appliedAt = content.Current.LoadedAt;
        _ = locations.Group;
        _seen = Snapshot();
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var locationsWatcher = Watch(locations.Path);
        using var templatesWatcher = Watch(content.Path);
        LogWatching(logger, locations.Path, content.Path);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _changed.WaitAsync(Backstop, stoppingToken);

                // Let a burst of saves settle: wait until nothing has changed for the delay.
                while (await _changed.WaitAsync(options.Value.Delay, stoppingToken))
                {
                }

                Reload();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (IOException e)
            {
                // A file vanished between listing and reading (an editor's swap): look again at the next change.
                LogReadFailed(logger, e.Message);
            }
        }
    }

    /// <summary>Checks the folders now and applies a valid change. Safe to call from tests and tools.</summary>
    public ReloadOutcome Reload()
    {
        lock (_gate)
        {
            var now = Snapshot();
            var changed = Changed(_seen, now);
            if (changed.Count == 0)
            {
                return ReloadOutcome.Unchanged;
            }

            _seen = now;
            var result = ContentCheck.Run(locations.Path, content.Path, checkOptions.Value);
            var files = string.Join(", ", changed.Take(5)) + (changed.Count > 5 ? $" and {changed.Count - 5} more" : "");
            if (result.HasErrors || result.Group is null || result.Templates is null || result.Sequences is null)
            {
                _rejected = result.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
                LogRejected(logger, files, _rejected.Count, _appliedAt, string.Join(Environment.NewLine, _rejected.Select(f => "  " + f)));
                return ReloadOutcome.Rejected;
            }

            locations.Replace(result.Group);
            var warnings = result.Findings.Where(f => f.Severity == FindingSeverity.Warning).ToList();
            content.Replace(result.Templates, result.Sequences, warnings);
            _appliedAt = content.Current.LoadedAt;
            _rejected = null;
            LogApplied(logger, files, content.Current.Commit ?? "not a git checkout", warnings.Count);
            foreach (var warning in warnings)
            {
                LogWarning(logger, warning.ToString());
            }

            return ReloadOutcome.Applied;
        }
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var rejected = _rejected;
        var live = content.Current;
        return Task.FromResult(rejected is null
            ? HealthCheckResult.Healthy($"content loaded at {live.LoadedAt:u}{(live.Commit is null ? "" : $" from commit {live.Commit}")}")
            : HealthCheckResult.Degraded(
                $"the last change to the content has {rejected.Count} error(s) and was not applied; the version loaded at {_appliedAt:u} stays in use: "
                + string.Join("; ", rejected.Take(3)) + (rejected.Count > 3 ? $"; and {rejected.Count - 3} more (run nurture check)" : "")));
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    private FileSystemWatcher? Watch(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var watcher = new FileSystemWatcher(folder)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, _) => Signal();
        watcher.Created += (_, _) => Signal();
        watcher.Deleted += (_, _) => Signal();
        watcher.Renamed += (_, _) => Signal();
        watcher.Error += (_, e) => LogWatcherError(logger, e.GetException().Message);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void Signal()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    private Dictionary<string, (long Length, long Ticks)> Snapshot()
    {
        var files = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var folder in new[] { locations.Path, content.Path }.Distinct())
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(folder, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')) || file.EndsWith('~') || file.EndsWith(".swp", StringComparison.Ordinal))
                {
                    continue;
                }

                var info = new FileInfo(file);
                if (info.Exists)
                {
                    files[ClinicGroupLoader.Display(file)] = (info.Length, info.LastWriteTimeUtc.Ticks);
                }
            }
        }

        return files;
    }

    private static List<string> Changed(Dictionary<string, (long Length, long Ticks)> before, Dictionary<string, (long Length, long Ticks)> after) =>
        after.Where(f => !before.TryGetValue(f.Key, out var old) || old != f.Value).Select(f => f.Key)
            .Concat(before.Keys.Where(k => !after.ContainsKey(k)).Select(k => k + " (removed)"))
            .Order(StringComparer.Ordinal).ToList();

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Hot reload: watching {Locations} and {Templates} for changes")]
    private static partial void LogWatching(ILogger logger, string locations, string templates);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Content change applied ({Files}); messages rendered from now on use it. Version: {Commit}; {Warnings} warning(s)")]
    private static partial void LogApplied(ILogger logger, string files, string commit, int warnings);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Content warning: {Finding}")]
    private static partial void LogWarning(ILogger logger, string finding);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Error, Message = "Content change NOT applied ({Files}): {Count} error(s); the version loaded at {AppliedAt:u} stays in use until they are fixed:\n{Findings}")]
    private static partial void LogRejected(ILogger logger, string files, int count, DateTimeOffset appliedAt, string findings);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Hot reload could not read the content folders ({Reason}); it looks again at the next change")]
    private static partial void LogReadFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Hot reload's file watcher failed ({Reason}); changes are still noticed within a few seconds")]
    private static partial void LogWatcherError(ILogger logger, string reason);
}
