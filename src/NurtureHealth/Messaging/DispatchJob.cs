using Quartz;

namespace NurtureHealth.Messaging;

/// <summary>
/// The named Quartz job: enrolls leads imported since its last run, sends due touches, then hands hot leads to staff.
/// Thin by design — the work is in <see cref="Sequences.Enroller"/>, <see cref="Dispatcher"/> and <see cref="Scoring.LeadHandOffs"/>.
/// </summary>
/// <remarks>
/// Quartz does not cancel a running job when the host stops, so the job also watches the host's stopping signal: on
/// SIGTERM it stops claiming at once, lets the sends in flight finish and be recorded, and returns.
/// </remarks>
[DisallowConcurrentExecution]
public sealed class DispatchJob(
    Sequences.Enroller enroller,
    Dispatcher dispatcher,
    Scoring.LeadHandOffs handOffs,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<DispatchOptions> options,
    Microsoft.Extensions.Hosting.IHostApplicationLifetime? lifetime = null) : IJob
{
    /// <summary>The job.</summary>
    public static readonly JobKey Key = new("dispatch", "nurture");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime?.ApplicationStopping ?? CancellationToken.None);
        DispatchRun run;
        DateTimeOffset? hotLead;
        try
        {
            await enroller.EnrollPendingAsync(stopping.Token);
            run = await dispatcher.DispatchDueAsync(stopping.Token);
            if (stopping.IsCancellationRequested)
            {
                return; // the next start wakes the trigger
            }

            await handOffs.RunAsync(stopping.Token);
            hotLead = await handOffs.NextHotLeadAtAsync(stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            await DispatchSchedule.MoveAsync(context.Scheduler, clock.GetUtcNow() + options.Value.MaxIdle, CancellationToken.None);
            throw new JobExecutionException($"Dispatch failed; it runs again in {options.Value.MaxIdle}.", e);
        }

        var now = clock.GetUtcNow();
        var latest = now + options.Value.MaxIdle;
        var next = run.NextDueAt is { } due && due < latest ? due : latest;
        next = hotLead is { } hot && hot < next ? hot : next;
        await DispatchSchedule.MoveAsync(context.Scheduler, next < now ? now : next, CancellationToken.None);
    }
}
