using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NurtureHealth.Messaging;
using NurtureHealth.Storage;

namespace NurtureHealth.Cycle;

/// <summary>
/// On PostgreSQL, every node sends. The dispatch job (one node at a time, Quartz clustered) enrolls, decides what is
/// due and plans; the touches it makes Ready are announced on <see cref="Channel"/>, and this worker — on every node —
/// claims and sends them batch by batch (<see cref="Dispatcher"/>: a person's touches go to one node at a time). It
/// also looks every <see cref="Poll"/> without being told, so a lost notification only delays.
/// </summary>
public sealed partial class DispatchWorker(
    IOptions<StorageOptions> storage,
    Dispatcher dispatcher,
    DispatchSchedule schedule,
    TimeProvider clock,
    ILogger<DispatchWorker> logger) : BackgroundService
{
    /// <summary>The PostgreSQL notification channel that says touches are Ready.</summary>
    public const string Channel = "nurture_ready";

    /// <summary>How often a node looks for Ready touches when nothing told it of any.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAndSendAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Claims this node holds go back when their lease ends; the next look takes up where this one stopped.
                LogFailed(logger, e.GetType().Name, StorageFailure.Describe(e), Reconnect.TotalSeconds);
                await Task.Delay(Reconnect, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ListenAndSendAsync(CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(NurtureDatabase.PostgreSqlConnection(storage.Value.ConnectionString));
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var run = await dispatcher.DispatchReadyAsync(clock.GetUtcNow(), stoppingToken);
            if (run.Any)
            {
                dispatcher.Report(run);
                schedule.Arrived(); // the steps after these sends are the dispatch job's to plan
                continue;
            }

            // Ready touches announced while this node was sending were looked for by the loop above.
            await connection.WaitAsync(Poll, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Dispatch on this node stopped ({Error}: {Detail}); it looks again in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, string error, string detail, double seconds);
}
