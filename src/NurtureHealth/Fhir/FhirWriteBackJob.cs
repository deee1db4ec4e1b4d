using Microsoft.Extensions.Hosting;
using Quartz;

namespace NurtureHealth.Fhir;

/// <summary>Thin: one write-back run; a server failure is logged, shown on /health, and retried at the next interval.</summary>
[DisallowConcurrentExecution]
public sealed class FhirWriteBackJob(FhirWriteBack writeBack) : IJob
{
    /// <summary>The job.</summary>
    public static readonly JobKey Key = new("fhir-write-back", "nurture");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await writeBack.RunAsync(cancellationToken);
        }
        catch (FhirUnavailableException)
        {
            // Already logged in words and shown on /health; the pending rows are tried again at the next interval.
        }
    }
}

/// <summary>
/// At start, before any job runs: records when each kind of write-back was switched on, and — when write-back is off —
/// removes the job an earlier configuration left in the persistent job store.
/// </summary>
internal sealed class FhirWriteBackStartup(FhirWriteBack writeBack, ISchedulerFactory schedulers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await writeBack.StartAsync(cancellationToken);
        if (!writeBack.Active)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.DeleteJob(FhirWriteBackJob.Key, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
