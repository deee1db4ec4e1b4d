using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NurtureHealth.Leads;
using NurtureHealth.Storage;

namespace NurtureHealth.Fhir;

/// <summary>
/// Reads new leads from the FHIR server: ServiceRequests with intent=proposal and the nurture tag, updated since
/// the watermark (minus an overlap), with their Patients, one page at a time. Each page's new requests become leads
/// through normal intake (validated, placed, stored, or rejected naming the ServiceRequest, the element and why) and
/// are committed before the next page is read; then the watermark moves to that page's newest. So memory stays flat,
/// the first lead is stored while later pages wait, and a poll that fails part-way loses nothing and re-reads only
/// from the last stored page. Resources already taken are skipped, so the overlap never duplicates.
/// </summary>
public sealed partial class FhirLeadPoller(
    FhirConnection fhir,
    IDbContextFactory<NurtureDbContext> databases,
    FhirLeadPage leads,
    FhirStatus status,
    FhirCapabilities capabilities,
    TimeProvider clock,
    ILogger<FhirLeadPoller> logger)
{
    /// <summary>Ids per page when the overlap is read: an id and its meta are small, so ten times a full page's worth.</summary>
    public const int OverlapPageSize = 1000;

    /// <summary>The watermark's name.</summary>
    public const string Watermark = "leads";

    // Set once the server is seen to ignore _sort=_lastUpdated: from then on the watermark moves only when a poll completes.
    private bool _unsorted;

    /// <summary>Polls once.</summary>
    public async Task<FhirPollReport> PollAsync(CancellationToken cancellationToken = default)
    {
        var o = fhir.Options;
        var tally = new Tally();
        await capabilities.EnsureReadAsync(cancellationToken);
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var mark = await FhirWatermarks.ReadAsync(db, Watermark, cancellationToken);
            var client = fhir.Open();
            if (mark is { } since && o.Overlap > TimeSpan.Zero)
            {
                // The overlap, for writes that landed late: ids and versions only, so pages already stored are not read
                // again in full; the few not taken yet are read by id.
                var overlap = Query().Where($"_lastUpdated=ge{Instant(since - o.Overlap)}").Where($"_lastUpdated=lt{Instant(since)}")
                    .LimitTo(OverlapPageSize);
                overlap.Add("_elements", "id,meta");
                await foreach (var light in FhirConnection.PagesAsync<ServiceRequest>(client, overlap, cancellationToken))
                {
                    tally.Read(light);
                    foreach (var chunk in (await FhirLeadPage.UnseenAsync(db, light.Resources, cancellationToken)).Select(FhirLeadMapper.IdOf).OfType<string>().Chunk(50))
                    {
                        await foreach (var late in FhirConnection.PagesAsync<ServiceRequest>(client, Included(Query().Where($"_id={string.Join(',', chunk)}")), cancellationToken))
                        {
                            tally.Stored(await leads.StoreAsync(db, client, late, cancellationToken));
                        }
                    }
                }
            }

            var query = Included(Query().Where($"_lastUpdated=ge{Instant(mark ?? DateTimeOffset.UnixEpoch)}"));
            DateTimeOffset? newest = null;
            await foreach (var page in FhirConnection.PagesAsync<ServiceRequest>(client, query, cancellationToken))
            {
                tally.Read(page);
                tally.Stored(await leads.StoreAsync(db, client, page, cancellationToken));
                var times = page.Updated;
                if (!_unsorted && (times.Zip(times.Skip(1)).Any(p => p.Second < p.First) || (newest is { } before && times.Any(t => t < before))))
                {
                    // The server ignores _sort: a later page may hold older requests, so the watermark waits for the whole poll.
                    _unsorted = true;
                    LogUnsorted(logger);
                }

                newest = times.Count == 0 ? newest : newest is { } n && n > times.Max() ? n : times.Max();
                if (!_unsorted && newest is { } sorted)
                {
                    await FhirWatermarks.MoveAsync(db, Watermark, sorted, clock.GetUtcNow(), cancellationToken);
                }
            }

            if (_unsorted && newest is { } all)
            {
                await FhirWatermarks.MoveAsync(db, Watermark, all, clock.GetUtcNow(), cancellationToken);
            }

            status.Succeeded("leads", $"{tally.Found} ServiceRequests read, {tally.Fresh} new"
                + (tally.Unreadable > 0 ? $"; {tally.Unreadable} search entries were not resources at all and could not be read" : ""), clock.GetUtcNow());
            LogPolled(logger, tally.Found, tally.Pages, tally.Fresh, tally.Accepted, tally.Rejected);
            if (tally.Unreadable > 0)
            {
                LogUnreadable(logger, tally.Unreadable);
            }

            return new FhirPollReport(tally.Found, tally.Fresh, tally.Accepted, tally.Rejected, tally.Pages);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Expected or not, a failed poll shows on /health with why; what earlier pages stored stays stored.
            var failure = status.PollFailed("leads", "ServiceRequests", e, clock.GetUtcNow());
            LogFailed(logger, failure.Reason, tally.Pages, tally.Accepted + tally.Rejected);
            throw failure;
        }
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Tagged proposals, oldest change first, a page at a time.</summary>
    private SearchParams Query() => new SearchParams()
        .Where("intent=proposal")
        .Where($"_tag={fhir.Options.IntentTag}")
        .OrderBy("_lastUpdated")
        .LimitTo(fhir.Options.PageSize);

    /// <summary>With the requests' Patients on the same page, where the server says it can.</summary>
    private SearchParams Included(SearchParams query) => capabilities.IncludesSubject ? query.Include("ServiceRequest:subject") : query;

    /// <summary>What one poll read and stored, page by page.</summary>
    private sealed class Tally
    {
        public int Found { get; private set; }
        public int Fresh { get; private set; }
        public int Accepted { get; private set; }
        public int Rejected { get; private set; }
        public int Unreadable { get; private set; }
        public int Pages { get; private set; }

        public void Read(FhirPage<ServiceRequest> page) => (Pages, Found, Unreadable) = (Pages + 1, Found + page.Resources.Count, Unreadable + page.Unreadable);

        public void Stored(ImportReport? report)
        {
            if (report is not null)
            {
                (Fresh, Accepted, Rejected) = (Fresh + report.Records, Accepted + report.Accepted, Rejected + report.Rejected);
            }
        }
    }

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "FHIR leads poll: {Found} ServiceRequests in {Pages} pages, {New} new: {Accepted} accepted, {Rejected} rejected")]
    private static partial void LogPolled(ILogger logger, int found, int pages, int @new, int accepted, int rejected);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "FHIR leads poll: the server does not sort by _lastUpdated; the watermark now moves only when a whole poll has been stored")]
    private static partial void LogUnsorted(ILogger logger);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "FHIR leads poll: {Count} search entries were not resources at all and could not be read; ask the server's owner")]
    private static partial void LogUnreadable(ILogger logger, int count);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "FHIR leads poll failed: {Reason}; {Stored} ServiceRequests from {Pages} pages before it are stored and the watermark is past them, the next poll goes on from there")]
    private static partial void LogFailed(ILogger logger, string reason, int pages, int stored);
}
