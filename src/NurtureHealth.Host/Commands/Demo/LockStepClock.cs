using Microsoft.Extensions.Time.Testing;
using NurtureHealth.Cycle;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>
/// Simulated time for <c>nurture demo</c>: a fake clock moved in lock-step with Quartz. Each step reads
/// when the dispatch trigger fires next, sets the clock to exactly that instant, and waits (in real
/// time) until that run has completed — so every fire happens at its scheduled instant, none is
/// skipped and none repeats, and weeks pass in seconds.
/// </summary>
/// <remarks>A free-running accelerated clock does not work: the SQLite job store falls into misfire handling.</remarks>
public sealed class LockStepClock(FakeTimeProvider clock, DispatchSchedule schedule, DispatchCompletions completions)
{
    /// <summary>Longest real time to wait for one dispatch run.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Dispatch runs completed so far.</summary>
    public long Completed => completions.Completed;

    /// <summary>The simulated now.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>When the dispatch trigger fires next, or null; a run in progress is waited for first, since it is what moves the trigger.</summary>
    public async Task<DateTimeOffset?> NextFireAsync(CancellationToken cancellationToken = default)
    {
        // A run in progress (fired, or acquired and about to fire) is what moves the trigger: let it finish first.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var before = completions.Completed;
            if (completions.Running)
            {
                await completions.WaitBeyondAsync(before, RunTimeout).WaitAsync(cancellationToken);
                continue;
            }

            var (exists, running, next) = await schedule.ReadAsync(cancellationToken);
            if (!exists || !running)
            {
                return next;
            }

            if (waited.Elapsed > RunTimeout)
            {
                throw new TimeoutException($"The dispatch run did not finish within {RunTimeout}.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>
    /// Runs the fire the caller saw at <paramref name="expected"/>: moves the clock there and waits for
    /// the run to finish. False when the trigger has moved meanwhile (a fire due now ran on its own, or
    /// something woke it earlier): the caller then looks again, so no simulated time is skipped.
    /// </summary>
    public async Task<bool> RunFireAsync(DateTimeOffset expected, CancellationToken cancellationToken = default)
    {
        // Read the count before settling: a run that starts after this line is the one waited for.
        var before = completions.Completed;
        if (await NextFireAsync(cancellationToken) != expected)
        {
            return false;
        }

        if (expected > clock.GetUtcNow())
        {
            clock.SetUtcNow(expected);
        }

        await completions.WaitBeyondAsync(before, RunTimeout).WaitAsync(cancellationToken);
        return true;
    }

    /// <summary>Moves the clock forward to <paramref name="at"/> without a dispatch (to let simulated patients act).</summary>
    public void MoveTo(DateTimeOffset at)
    {
        if (at > clock.GetUtcNow())
        {
            clock.SetUtcNow(at);
        }
    }
}
