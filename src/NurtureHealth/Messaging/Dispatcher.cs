using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Scheduling;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>What one dispatch run did.</summary>
public sealed class DispatchRun
{
    public int Sent { get; set; }
    public int SentEmail { get; set; }
    public int SentSms { get; set; }
    public int Skipped { get; set; }
    public int Cancelled { get; set; }
    public int Deferred { get; set; }
    public int Retried { get; set; }
    public int Failed { get; set; }

    /// <summary>Sends whose outcome nobody can know (they may have gone): recorded Uncertain, never sent again.</summary>
    public int Uncertain { get; set; }

    /// <summary>Claimed touches given back to the queue unsent because the worker is stopping.</summary>
    public int Released { get; set; }

    /// <summary>When the next scheduled touch is due, if any.</summary>
    public DateTimeOffset? NextDueAt { get; set; }
}

/// <summary>
/// Sends due touches, at most once each. A batch is claimed with a lease; each touch is checked (still enrolled,
/// reachable on its channel, inside the send window, within the caps) and rendered, and every decision that sends
/// nothing is recorded in one transaction. Then each message goes on its own: its touch is marked Sending just
/// before its send, and its outcome is recorded as soon as the send returns — so at most
/// <see cref="DispatchOptions.Parallelism"/> touches are ever Sending, and a crash leaves only those in doubt.
/// </summary>
/// <remarks>
/// Stopping (the <c>cancellationToken</c> of <see cref="DispatchDueAsync"/>) stops claiming and starting sends at once;
/// sends in flight finish and are recorded; claimed touches not yet started go back to the queue.
/// </remarks>
public sealed partial class Dispatcher(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog locations,
    SequenceContent content,
    TouchPlanner planner,
    SendWindowPolicy windows,
    FrequencyCap cap,
    IEmailSender emailSender,
    ISmsSender smsSender,
    Tracking.LinkTokens links,
    TimeProvider clock,
    IOptions<DispatchOptions> options,
    IOptions<ConsentOptions> consent,
    Fhir.SlotFinder slots,
    IOptions<Scoring.ScoringOptions> scoring,
    DispatchHealth health,
    ILogger<Dispatcher> logger)
{
    private readonly OutgoingMessages _messages = new(content, links);

    /// <summary>This process's name on the leases it takes.</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Sends every touch that is due now, batch by batch, until none is due or <paramref name="cancellationToken"/> asks to stop.</summary>
    public async Task<DispatchRun> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var run = new DispatchRun();
        await RecoverExpiredAsync(CancellationToken.None);
        var handled = 0;
        while (!cancellationToken.IsCancellationRequested && handled < options.Value.MaxPerRun)
        {
            var now = clock.GetUtcNow();
            var claimed = await DispatchClaims.ClaimAsync(databases, Node, now, options.Value.Lease, options.Value.BatchSize, CancellationToken.None);
            if (claimed.Count == 0)
            {
                break;
            }

            handled += claimed.Count;
            await ProcessAsync(claimed, now, run, cancellationToken);
        }

        run.NextDueAt = await NextDueAsync(CancellationToken.None);
        if (run.Sent + run.Skipped + run.Deferred + run.Failed + run.Cancelled + run.Uncertain + run.Released > 0)
        {
            LogRun(logger, run.SentEmail, run.SentSms, run.Skipped, run.Deferred, run.Retried, run.Failed, run.Uncertain, run.Cancelled);
        }

        if (run.Released > 0)
        {
            LogReleased(logger, run.Released);
        }

        return run;
    }

    /// <summary>When the earliest scheduled touch is due, or null when none is.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Touches.Where(t => t.Status == TouchStatus.Scheduled).OrderBy(t => t.DueAt)
            .Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task ProcessAsync(List<long> ids, DateTimeOffset now, DispatchRun run, CancellationToken stopping)
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var batch = await DispatchBatch.LoadAsync(db, ids, now, CancellationToken.None);
        var group = locations.Group;
        var freeSlots = await FreeSlotsAsync(batch, group, CancellationToken.None);
        var toSend = new List<(DispatchBatch.Item Item, Rendered Message)>();
        foreach (var item in batch.Items)
        {
            switch (Decide(item, group, batch, now, freeSlots.GetValueOrDefault(SlotKey(item.Enrollment))))
            {
                case Decision.Send send:
                    toSend.Add((item, send.Message));
                    batch.Sending(item, now);
                    break;
                case Decision.Defer defer:
                    item.Touch.Defer(defer.Until, $"deferred: {defer.Why}");
                    run.Deferred++;
                    break;
                case Decision.Cancel cancel:
                    item.Touch.Cancel(cancel.Why);
                    run.Cancelled++;
                    break;
                case Decision.Skip skip:
                    if (skip.Failed)
                    {
                        item.Touch.Fail(skip.Why);
                    }
                    else
                    {
                        item.Touch.Skip(skip.Why);
                    }

                    run.Skipped += skip.Failed ? 0 : 1;
                    run.Failed += skip.Failed ? 1 : 0;
                    db.Touches.AddRange(PlanNext(db, item, group, batch, skip.From ?? item.Touch.DueAt, now, skip.ContinueAfter));
                    break;
            }
        }

        // Every decision that sends nothing, in one transaction; the touches about to go stay Claimed until their own send.
        await SaveWithRetryAsync(db, "record the batch's decisions", ids[0], stopping);

        // From here the batch's context only reads; each group of outcomes is saved by the writer through a context of its own.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var started = new bool[toSend.Count];
        var recorded = new System.Collections.Concurrent.ConcurrentBag<Task>();
        await using (var writer = new BatchWriter(databases, Node, clock.GetUtcNow, options.Value.Lease,
                         (writing, rows, outcomes) => ApplyAsync(writing, rows, outcomes, group, batch, run, stopping),
                         (write, touchId) => WithRetryAsync(async () => { await write(); return true; }, "record sends", touchId, stopping)))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, toSend.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = CancellationToken.None },
                async (i, _) =>
                {
                    if (stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    started[i] = true;
                    var (item, message) = toSend[i];
                    if (!await writer.MarkSendingAsync(item.Touch.Id))
                    {
                        return; // an exit cancelled it between the claim and now; the database already says so
                    }

                    item.Touch.StartSending(clock.GetUtcNow());
                    health.SendStarted(item.Touch.Id);
                    var result = await SendAttempt.RunAsync(emailSender, smsSender, message, item.Touch.Id, logger);

                    // Not awaited here: this worker's next Sending is committed with (or after) this outcome, in one transaction.
                    recorded.Add(FinishedAsync(writer.RecordAsync(new BatchWriter.Outcome(item, message, result)), item.Touch.Id));
                });
            await Task.WhenAll(recorded);
        }

        var unstarted = toSend.Where((_, i) => !started[i]).Select(s => s.Item.Touch.Id).ToList();
        if (unstarted.Count > 0)
        {
            run.Released += await DispatchClaims.ReleaseAsync(db, Node, unstarted, "released unsent: the worker was stopping", CancellationToken.None);
        }
    }

    private async Task FinishedAsync(Task recorded, long touchId)
    {
        try
        {
            await recorded;
        }
        finally
        {
            health.SendFinished(touchId);
        }
    }

    /// <summary>Real open slots for the decision-stage touches of a batch, one look-up per location and provider (bounded by a timeout).</summary>
    private async Task<Dictionary<string, IReadOnlyList<DateTimeOffset>>> FreeSlotsAsync(DispatchBatch batch, ClinicGroup group, CancellationToken cancellationToken)
    {
        var wanted = batch.Items.Where(i => i.Touch.Stage == "decision").Select(i => i.Enrollment).DistinctBy(SlotKey).ToList();
        var found = await Task.WhenAll(wanted.Select(async e =>
        {
            var location = group.Find(e.LocationId);
            var provider = location?.Providers.FirstOrDefault(p => p.Id == e.ProviderId);
            return (Key: SlotKey(e), Starts: location is null ? [] : await slots.NextFreeAsync(location, provider, cancellationToken));
        }));
        return found.ToDictionary(x => x.Key, x => x.Starts);
    }

    private static string SlotKey(Enrollment e) => $"{e.LocationId}/{e.ProviderId}";

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Dispatch: sent {Email} email and {Sms} SMS; {Skipped} skipped, {Deferred} deferred, {Retried} to retry, {Failed} failed, {Uncertain} uncertain, {Cancelled} cancelled")]
    private static partial void LogRun(ILogger logger, int email, int sms, int skipped, int deferred, int retried, int failed, int uncertain, int cancelled);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Dispatch stopping: {Released} claimed touches went back to the queue unsent")]
    private static partial void LogReleased(ILogger logger, int released);
}
