using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NurtureHealth.Messaging;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Cycle;

/// <summary>
/// One turn of the touch life cycle, in one direction through the database: due touches are decided by their sequence
/// (<see cref="DueSteps"/>: Scheduled → Ready, or skipped), sent (<see cref="Dispatcher"/>: Ready → Sent and the rest),
/// and every enrollment whose touch settled gets its next step planned (<see cref="StepPlanner"/>) — which may itself be
/// due now, so the turn repeats until nothing is due. Sequences and Messaging never call each other: this is where they meet.
/// On PostgreSQL every node sends (<see cref="DispatchWorker"/>): the turn announces what it made Ready, and sends beside them.
/// </summary>
public sealed class NurtureCycle(
    IDbContextFactory<NurtureDbContext> databases,
    StepPlanner planner,
    DueSteps steps,
    Dispatcher dispatcher,
    DispatchRecovery recovery,
    TimeProvider clock,
    IOptions<DispatchOptions> options,
    IOptions<StorageOptions> storage)
{
    private bool EveryNodeSends => storage.Value.Provider == StorageProvider.PostgreSql;

    /// <summary>Decides, sends and plans everything due now, until nothing is or <paramref name="cancellationToken"/> asks to stop.</summary>
    /// <remarks>
    /// Stopping stops deciding and starting sends at once; sends in flight finish and are recorded, and the steps after
    /// them are planned on the next start.
    /// </remarks>
    public async Task<DispatchRun> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var run = new DispatchRun();
        await recovery.RecoverExpiredAsync(CancellationToken.None);
        await planner.PlanPendingAsync(CancellationToken.None);
        var looked = 0;
        while (!cancellationToken.IsCancellationRequested && looked < options.Value.MaxPerRun)
        {
            var now = clock.GetUtcNow();
            var due = await PrepareAsync(looked, run);
            var sent = false;
            while (!cancellationToken.IsCancellationRequested && await dispatcher.DispatchBatchAsync(now, run, cancellationToken))
            {
                sent = true;
            }

            await planner.PlanPendingAsync(CancellationToken.None);
            looked += due.Looked;
            if (due.Looked == 0 && !sent)
            {
                break;
            }
        }

        dispatcher.Report(run);
        return run;
    }

    /// <summary>
    /// Decides a batch of due steps. On PostgreSQL it goes on until nothing more is due (within the run's bound) and
    /// announces the Ready touches, so every node has work at once rather than a batch at a time.
    /// </summary>
    private async Task<DueStepsRun> PrepareAsync(int looked, DispatchRun run)
    {
        var due = await steps.PrepareAsync(options.Value.BatchSize, CancellationToken.None);
        while (EveryNodeSends && due.Looked > 0 && looked + due.Looked < options.Value.MaxPerRun)
        {
            var more = await steps.PrepareAsync(options.Value.BatchSize, CancellationToken.None);
            if (more.Looked == 0)
            {
                break;
            }

            due = new DueStepsRun(due.Looked + more.Looked, due.Ready + more.Ready, due.Skipped + more.Skipped, due.Cancelled + more.Cancelled, due.Waiting + more.Waiting);
        }

        (run.Skipped, run.Cancelled, run.Deferred) = (run.Skipped + due.Skipped, run.Cancelled + due.Cancelled, run.Deferred + due.Waiting);
        if (EveryNodeSends && due.Ready > 0)
        {
            await AnnounceReadyAsync();
        }

        return due;
    }

    /// <summary>Tells every node's <see cref="DispatchWorker"/> that touches are Ready (PostgreSQL).</summary>
    private async Task AnnounceReadyAsync()
    {
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync($"NOTIFY {DispatchWorker.Channel}", CancellationToken.None);
    }

    /// <summary>When the cycle next has work: now when a plan or a ready touch waits, else the earliest scheduled touch; null when nothing waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.Enrollments.AnyAsync(e => e.PlanPending, cancellationToken) || await db.Touches.AnyAsync(t => t.Status == TouchStatus.Ready, cancellationToken))
        {
            return clock.GetUtcNow();
        }

        return await db.Touches.Where(t => t.Status == TouchStatus.Scheduled).OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
    }
}
