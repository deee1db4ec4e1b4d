using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NurtureHealth.Messaging;

namespace NurtureHealth.Cycle;

/// <summary>
/// At worker start: checks the link settings (a worker that sends needs them), accounts for touches a previous process
/// left ready, claimed or sending, and makes sure the dispatch trigger exists.
/// </summary>
internal sealed class CycleStartup(IOptions<LinksOptions> links, DispatchRecovery recovery, DispatchSchedule schedule, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = links.Value;
        await recovery.RecoverAsync(cancellationToken);
        await schedule.WakeAsync(clock.GetUtcNow(), cancellationToken);
        schedule.Started();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
