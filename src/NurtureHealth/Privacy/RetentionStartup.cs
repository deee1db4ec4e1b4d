using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace NurtureHealth.Privacy;

/// <summary>With retention off, removes the daily job an earlier configuration left in the persistent job store (a legal hold must stop purges).</summary>
internal sealed class RetentionStartup(IOptions<RetentionOptions> options, ISchedulerFactory schedulers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.DeleteJob(RetentionJob.Key, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
