using Quartz;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>
/// Counts completed runs of the dispatch trigger, so a driver (the demo's simulated clock, a test) can
/// wait for the run it caused instead of sleeping.
/// </summary>
public sealed class DispatchCompletions : ITriggerListener
{
    private readonly Lock _lock = new();
    private readonly List<(long After, TaskCompletionSource Done)> _waiters = [];
    private long _completed;

    /// <inheritdoc />
    public string Name => "nurture-dispatch-completions";

    private long _fired;

    /// <summary>Runs completed so far.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>True between a fire and its completion.</summary>
    public bool Running => Interlocked.Read(ref _fired) > Interlocked.Read(ref _completed);

    /// <summary>Completes when more than <paramref name="after"/> runs have completed.</summary>
    public Task WaitBeyondAsync(long after, TimeSpan timeout)
    {
        lock (_lock)
        {
            if (_completed > after)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((after, done));
            return done.Task.WaitAsync(timeout);
        }
    }

    /// <inheritdoc />
    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _completed++;
            foreach (var waiter in _waiters.Where(w => _completed > w.After).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _fired);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    /// <inheritdoc />
    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask TriggerSkipped(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask TriggerRetriesExhausted(ITrigger trigger, IJobExecutionContext context, JobExecutionException exception, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;
}
