using Microsoft.Extensions.Logging;
using NurtureHealth.Storage;

namespace NurtureHealth.Messaging;

/// <summary>
/// Runs dispatch's database writes, waiting and trying again while the database is locked, read-only or out of space: an
/// outcome already known is never dropped because the database was briefly unavailable. Gives up only when the worker is
/// stopping and the database stays unavailable for <see cref="StopGrace"/>; the touch then stays Sending and recovery
/// accounts for it. Each refusal and recovery is told to <see cref="DispatchNode"/> for <c>/health</c>.
/// </summary>
public sealed partial class DatabaseRetry(DispatchNode node, TimeProvider clock, ILogger<DatabaseRetry> logger)
{
    /// <summary>How long a stopping worker keeps trying to record outcomes the database will not take.</summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="write"/> until the database takes it (<paramref name="what"/> and <paramref name="touchId"/> name it in the log).</summary>
    public async Task RunAsync(Func<Task> write, string what, long touchId, CancellationToken stopping)
    {
        var wait = TimeSpan.FromMilliseconds(250);
        long? stoppingSince = null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write();
                if (attempt > 1)
                {
                    LogWriteRecovered(logger, what, touchId, attempt);
                }

                node.WriteSucceeded();
                return;
            }
            catch (Exception e) when (StorageFailure.IsUnavailable(e))
            {
                node.WriteFailed(clock.GetUtcNow(), StorageFailure.Describe(e));
                if (attempt == 1 || attempt % 20 == 0)
                {
                    LogWriteFailed(logger, what, touchId, attempt, StorageFailure.Describe(e));
                }

                if (stopping.IsCancellationRequested)
                {
                    // Measured in real time: the injected clock may be simulated and standing still.
                    stoppingSince ??= System.Diagnostics.Stopwatch.GetTimestamp();
                    if (System.Diagnostics.Stopwatch.GetElapsedTime(stoppingSince.Value) > StopGrace)
                    {
                        throw;
                    }
                }

                // Real time, not the injected clock: the database's lock is held in the real world, whatever time the clock tells.
                await Task.Delay(wait, CancellationToken.None);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxWait.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "The database refused to {What} (touch {TouchId}, attempt {Attempt}): {Why}; the outcome is kept and tried again")]
    private static partial void LogWriteFailed(ILogger logger, string what, long touchId, int attempt, string why);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "The database took the write again: {What} (touch {TouchId}) succeeded on attempt {Attempt}")]
    private static partial void LogWriteRecovered(ILogger logger, string what, long touchId, int attempt);
}
