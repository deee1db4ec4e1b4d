using Quartz;

namespace NurtureHealth.Fhir;

/// <summary>When FHIR is turned off, removes polling jobs an earlier configuration left in the persistent job store.</summary>
internal sealed class FhirStartup(ISchedulerFactory schedulers, Microsoft.Extensions.Options.IOptions<FhirOptions> options) : Microsoft.Extensions.Hosting.IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.DeleteJobs([FhirLeadsJob.Key, FhirBookingsJob.Key], cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
