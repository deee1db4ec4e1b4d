using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NurtureHealth.Leads;

/// <summary>
/// Watches the inbox folder. Each lead file, once it has stopped changing, is imported and moved to
/// <c>processed/</c> with a <c>.report.json</c> beside it (counts and every rejection with line, field
/// and reason). A file that fails as a whole — it cannot be read, or its import fails for any reason but
/// the database — moves to <c>rejected/</c> after that one attempt, with a report saying why: a file is
/// never retried into duplicate rows. While the database is unavailable (locked, read-only, full) the file
/// stays and is tried again on the next look, carrying on after the records already stored.
/// </summary>
public sealed partial class LeadInbox(
    LeadImporter importer,
    IOptions<InboxOptions> options,
    TimeProvider clock,
    ILogger<LeadInbox> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly Dictionary<string, (long Length, DateTime Written)> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _resume = new(StringComparer.Ordinal);

    /// <summary>The folder processed files move to.</summary>
    public string ProcessedFolder => Path.Combine(options.Value.Path, "processed");

    /// <summary>The folder unreadable files move to.</summary>
    public string RejectedFolder => Path.Combine(options.Value.Path, "rejected");

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        Directory.CreateDirectory(options.Value.Path);
        LogWatching(logger, Path.GetFullPath(options.Value.Path));
        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        do
        {
            try
            {
                await Task.Run(() => ProcessOnce(stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Looks once: imports every lead file that is unchanged since the previous look. Returns how many were handled.</summary>
    public int ProcessOnce(CancellationToken cancellationToken = default)
    {
        var handled = 0;
        foreach (var file in Candidates())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var info = new FileInfo(file);
            var signature = (info.Length, info.LastWriteTimeUtc);
            if (!_seen.TryGetValue(file, out var previous) || previous != signature)
            {
                _seen[file] = signature; // still being written, or new: take it on the next look
                continue;
            }

            _seen.Remove(file);
            if (Process(file, cancellationToken))
            {
                handled++;
            }
        }

        return handled;
    }

    private IEnumerable<string> Candidates()
    {
        if (!Directory.Exists(options.Value.Path))
        {
            return [];
        }

        return Directory.EnumerateFiles(options.Value.Path)
            .Where(f => LeadFileFormats.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private bool Process(string file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        try
        {
            var report = importer.ImportFile(file, cancellationToken, _resume.GetValueOrDefault(file) is > 0 and var resume ? resume : null);
            _resume.Remove(file);
            var moved = MoveTo(file, ProcessedFolder);
            WriteReport(moved, new
            {
                file = name,
                import_id = report.ImportId,
                format = report.Format.ToString().ToLowerInvariant(),
                records = report.Records,
                accepted = report.Accepted,
                new_contacts = report.NewContacts,
                merged = report.Merged,
                rejected = report.Rejected,
                rejected_by_reason = report.RejectedByReason.ToDictionary(r => r.Code, r => r.Count),
                rejections = report.Rejections.Select(r => new { line = r.Line, lead_id = r.LeadId, field = r.Field, reason = r.Code, message = r.Message }),
                resolved_by_location = report.ResolvedByLocation,
                unresolved_by_reason = report.UnresolvedByReason,
            });
            LogProcessed(logger, name, report.ImportId, report.Accepted, report.Rejected);
            return true;
        }
        catch (LeadFileException e)
        {
            _resume.Remove(file);
            var moved = MoveTo(file, RejectedFolder);
            WriteReport(moved, new { file = name, error = e.Message });
            LogUnreadable(logger, name, e.Message);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException && Storage.StorageFailure.IsUnavailable(e))
        {
            // The database, not the file: leave it for the next look, which carries on after what this attempt stored.
            if (e is ImportFailedException failed)
            {
                _resume[file] = failed.ImportId;
            }

            LogImportWaiting(logger, name, Storage.StorageFailure.Describe(e));
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else would fail the same way again: one attempt, then rejected/ with the reason, never a loop of duplicates.
            _resume.Remove(file);
            var stored = e is ImportFailedException f ? $"; the first {f.RecordsStored} records were stored as import {f.ImportId}" : "";
            var reason = $"the import failed ({(e is ImportFailedException { InnerException: { } inner } ? inner.GetType().Name : e.GetType().Name)}){stored}. " +
                         "The file is not tried again: check it, or report the failure with the log, then put it back in the inbox.";
            var moved = MoveTo(file, RejectedFolder);
            WriteReport(moved, new { file = name, error = reason, import_id = (e as ImportFailedException)?.ImportId });
            LogImportFailed(logger, e, name);
            return true;
        }
    }

    private string MoveTo(string file, string folder)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(file));
        if (File.Exists(target))
        {
            var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(file)}.{stamp}{Path.GetExtension(file)}");
        }

        File.Move(file, target);
        return target;
    }

    private static void WriteReport(string movedFile, object report) =>
        File.WriteAllText(movedFile + ".report.json", JsonSerializer.Serialize(report, ReportJson));

    [LoggerMessage(EventId = 2104, Level = LogLevel.Information, Message = "Watching the lead inbox at {Folder}")]
    private static partial void LogWatching(ILogger logger, string folder);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Inbox file {File} imported as import {ImportId}: {Accepted} accepted, {Rejected} rejected")]
    private static partial void LogProcessed(ILogger logger, string file, long importId, int accepted, int rejected);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Inbox file {File} cannot be read and was moved to rejected/: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Error, Message = "Inbox file {File} could not be imported and was moved to rejected/ (it is not tried again)")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, string file);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Inbox file {File} waits: {Why}; it is tried again on the next look, after the records already stored")]
    private static partial void LogImportWaiting(ILogger logger, string file, string why);
}
