using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Storage;

namespace NurtureHealth.Messaging;

/// <summary>
/// Sends the touches their sequences made Ready, at most once each, batch by batch: claim (<see cref="DispatchClaims"/>),
/// decide and render (<see cref="BatchDecider"/>), send and record (<see cref="BatchSender"/>). What to send was decided
/// before; dispatch only checks that it may still go now.
/// </summary>
/// <remarks>
/// Stopping (the <c>cancellationToken</c> of <see cref="DispatchReadyAsync"/>) stops claiming and starting sends at once;
/// sends in flight finish and are recorded; claimed touches not yet started go back to Ready.
/// </remarks>
public sealed partial class Dispatcher(
    IDbContextFactory<NurtureDbContext> databases,
    DispatchNode node,
    BatchDecider decider,
    BatchSender sender,
    IOptions<DispatchOptions> options,
    IOptions<ConsentOptions> consent,
    AddressHasher hasher,
    IOptions<StorageOptions> storage,
    ILogger<Dispatcher> logger)
{
    /// <summary>Claims and sends one batch of Ready touches due by <paramref name="now"/>, adding what happened to <paramref name="run"/>; false when none was ready.</summary>
    public async Task<bool> DispatchBatchAsync(DateTimeOffset now, DispatchRun run, CancellationToken cancellationToken = default)
    {
        var claimed = await DispatchClaims.ClaimAsync(databases, node.Name, now, options.Value.Lease, ClaimSize, CancellationToken.None);
        if (claimed.Count == 0)
        {
            return false;
        }

        using var span = Telemetry.NurtureMetrics.Activities.StartActivity("dispatch batch");
        span?.SetTag("nurture.batch.size", claimed.Count);
        span?.SetTag("nurture.node", node.Name);
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var batch = await DispatchBatch.LoadAsync(db, claimed, now, consent.Value.Email, hasher, CancellationToken.None);
        var toSend = await decider.DecideAsync(db, batch, now, run, cancellationToken);

        // From here the batch's context only reads; outcomes are saved by the batch's writer through a context of its own.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var unstarted = await sender.SendAsync(toSend, batch, run, cancellationToken);
        if (unstarted.Count > 0)
        {
            var released = await DispatchClaims.ReleaseAsync(db, node.Name, unstarted, "released unsent: the worker was stopping", CancellationToken.None);
            run.Released += released;
            LogReleased(logger, released);
        }

        return true;
    }

    /// <summary>
    /// Touches claimed at once: the batch size on SQLite; on PostgreSQL at most eight rounds of sends, so that the nodes
    /// share what is ready rather than the first to look taking a whole batch.
    /// </summary>
    private int ClaimSize => storage.Value.Provider == StorageProvider.PostgreSql
        ? Math.Min(options.Value.BatchSize, options.Value.Parallelism * 8)
        : options.Value.BatchSize;

    /// <summary>Sends every Ready touch due now, batch by batch, until none is left or <paramref name="cancellationToken"/> asks to stop.</summary>
    public async Task<DispatchRun> DispatchReadyAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var run = new DispatchRun();
        while (!cancellationToken.IsCancellationRequested && await DispatchBatchAsync(now, run, cancellationToken))
        {
        }

        return run;
    }

    /// <summary>Logs a run that did anything.</summary>
    public void Report(DispatchRun run)
    {
        if (run.Any)
        {
            LogRun(logger, run.SentEmail, run.SentSms, run.Skipped, run.Deferred, run.Retried, run.Failed, run.Uncertain, run.Cancelled);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Dispatch: sent {Email} email and {Sms} SMS; {Skipped} skipped, {Deferred} deferred, {Retried} to retry, {Failed} failed, {Uncertain} uncertain, {Cancelled} cancelled")]
    private static partial void LogRun(ILogger logger, int email, int sms, int skipped, int deferred, int retried, int failed, int uncertain, int cancelled);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Dispatch stopping: {Released} claimed touches went back to the queue unsent")]
    private static partial void LogReleased(ILogger logger, int released);
}
