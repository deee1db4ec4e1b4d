using Microsoft.Extensions.Logging;
using NurtureHealth.Touches;
using Quartz;

namespace NurtureHealth.Cycle;

/// <summary>
/// The one Quartz trigger that drives dispatch. Quartz owns the clock; there is never a trigger per
/// message. The dispatch job moves this trigger to the next due touch (and at least every
/// <see cref="Messaging.DispatchOptions.MaxIdle"/>); anything that makes a touch due sooner wakes it.
/// </summary>
public sealed partial class DispatchSchedule(ISchedulerFactory schedulers, TimeProvider clock, ILogger<DispatchSchedule> logger) : IWorkArrived
{
    private volatile bool _started;

    /// <summary>The dispatch job.</summary>
    public static JobKey JobKey => DispatchJob.Key;

    /// <summary>Its single trigger.</summary>
    public static readonly TriggerKey TriggerKey = new("dispatch-next", "nurture");

    private readonly SemaphoreSlim _waking = new(1, 1);

    /// <summary>Makes sure the job fires no later than <paramref name="at"/> (creating the trigger if there is none).</summary>
    /// <remarks>Callers race (start-up, the inbox, the API): one at a time, and a trigger another process just created is moved, not duplicated.</remarks>
    public async Task WakeAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await _waking.WaitAsync(cancellationToken);
        try
        {
            var current = await scheduler.GetTrigger(TriggerKey, cancellationToken);
            var next = current?.NextFireTimeUtc;
            if (current is null)
            {
                try
                {
                    await scheduler.ScheduleJob(Build(scheduler, at), default, cancellationToken);
                    return;
                }
                catch (ObjectAlreadyExistsException)
                {
                    next = (await scheduler.GetTrigger(TriggerKey, cancellationToken))?.NextFireTimeUtc;
                }
            }

            if (next is null || next > at)
            {
                await scheduler.RescheduleJob(TriggerKey, Build(scheduler, at), cancellationToken);
            }
        }
        finally
        {
            _waking.Release();
        }
    }

    /// <summary>The worker is running (its start-up recovered what a previous process left): from now on, arriving work wakes the job.</summary>
    internal void Started() => _started = true;

    /// <summary>
    /// Work arrived (leads, plans to make): the job runs now rather than at its next look. In the background — the caller
    /// does not wait on Quartz — and only in a running worker: a tool writes no trigger.
    /// </summary>
    public void Arrived()
    {
        if (!_started)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await WakeAsync(clock.GetUtcNow());
            }
            catch (Exception e)
            {
                // The job still runs at its next look (at most MaxIdle away): nothing is lost, only later.
                LogWakeFailed(logger, e.GetType().Name, e.Message);
            }
        });
    }

    /// <summary>
    /// Moves the trigger to <paramref name="at"/> (the job does this after each run) — or keeps it sooner, when work that
    /// arrived during the run (on this node or another) woke it for then: a run never pushes a wake-up back.
    /// </summary>
    public static async Task MoveAsync(IScheduler scheduler, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await scheduler.GetTrigger(TriggerKey, cancellationToken) is not { } current)
        {
            await scheduler.ScheduleJob(Build(scheduler, at), default, cancellationToken);
            return;
        }

        if (current.NextFireTimeUtc is { } woken && woken < at)
        {
            at = woken;
        }

        await scheduler.RescheduleJob(TriggerKey, Build(scheduler, at), cancellationToken);
    }

    /// <summary>
    /// The trigger as one read: whether it exists, whether a run holds it (it then shows no next fire
    /// time until the run moves it), and when it fires next.
    /// </summary>
    public async Task<(bool Exists, bool Running, DateTimeOffset? NextFire)> ReadAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(TriggerKey, cancellationToken);
        if (trigger is null)
        {
            return (false, false, null);
        }

        var state = await scheduler.GetTriggerState(TriggerKey, cancellationToken);
        var running = state is TriggerState.Blocked or TriggerState.Executing || trigger.NextFireTimeUtc is null;
        return (true, running, running ? null : trigger.NextFireTimeUtc);
    }

    private static ITrigger Build(IScheduler scheduler, DateTimeOffset at) =>
        TriggerBuilder.Create(scheduler.TimeProvider)
            .WithIdentity(TriggerKey)
            .ForJob(JobKey)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Could not wake the dispatch job ({Error}: {Detail}); it runs at its next scheduled look")]
    private static partial void LogWakeFailed(ILogger logger, string error, string detail);
}
