using Microsoft.Extensions.Time.Testing;
using NurtureHealth.Messaging;

namespace NurtureHealth.Scheduling;

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

    /// <summary>The simulated now.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>When the dispatch trigger fires next, or null.</summary>
    public Task<DateTimeOffset?> NextFireAsync(CancellationToken cancellationToken = default) => schedule.NextFireAsync(cancellationToken);

    /// <summary>Moves the clock to the trigger's next fire time and waits for that run to finish; the fire time, or null when nothing is scheduled.</summary>
    public async Task<DateTimeOffset?> RunNextFireAsync(CancellationToken cancellationToken = default)
    {
        var next = await NextFireAsync(cancellationToken);
        if (next is null)
        {
            return null;
        }

        var before = completions.Completed;
        if (next > clock.GetUtcNow())
        {
            clock.SetUtcNow(next.Value);
        }

        await completions.WaitBeyondAsync(before, RunTimeout).WaitAsync(cancellationToken);
        return next;
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
