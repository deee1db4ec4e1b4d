using Microsoft.Extensions.Hosting;
using Quartz;

namespace NurtureHealth.Fhir;

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
