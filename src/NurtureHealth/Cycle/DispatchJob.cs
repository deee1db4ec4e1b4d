using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NurtureHealth.HandOffs;
using NurtureHealth.Messaging;
using Quartz;

namespace NurtureHealth.Cycle;

/// <summary>
/// The named Quartz job: enrolls leads imported since its last run, turns the cycle (decide, send, plan) until nothing is
/// due, then hands hot leads to staff and tells the staff of every hand-off not yet told, and moves its own trigger to when there is work next. Thin by design — the work is
/// in <see cref="Sequences.Enroller"/>, <see cref="NurtureCycle"/>, <see cref="HotLeads"/> and <see cref="StaffNotifier"/>.
/// </summary>
/// <remarks>
/// Quartz does not cancel a running job when the host stops, so the job also watches the host's stopping signal: on
/// SIGTERM it stops claiming at once, lets the sends in flight finish and be recorded, and returns.
/// </remarks>
[DisallowConcurrentExecution]
public sealed class DispatchJob(
    Sequences.Enroller enroller,
    NurtureCycle cycle,
    HotLeads hotLeads,
    StaffNotifier staff,
    TimeProvider clock,
    IOptions<DispatchOptions> options,
    IHostApplicationLifetime? lifetime = null) : IJob
{
    /// <summary>The job.</summary>
    public static readonly JobKey Key = new("dispatch", "nurture");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime?.ApplicationStopping ?? CancellationToken.None);
        DateTimeOffset? due, hotLead;
        try
        {
            await enroller.EnrollPendingAsync(stopping.Token);
            await cycle.SendDueAsync(stopping.Token);
            if (stopping.IsCancellationRequested)
            {
                return; // the next start wakes the trigger
            }

            await hotLeads.HandOffAsync(stopping.Token);
            await staff.NotifyWaitingAsync(stopping.Token);
            due = await cycle.NextDueAsync(stopping.Token);
            hotLead = await hotLeads.NextAtAsync(stopping.Token);
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
        var next = now + options.Value.MaxIdle;
        next = due is { } d && d < next ? d : next;
        next = hotLead is { } hot && hot < next ? hot : next;
        await DispatchSchedule.MoveAsync(context.Scheduler, next < now ? now : next, CancellationToken.None);
    }
}
