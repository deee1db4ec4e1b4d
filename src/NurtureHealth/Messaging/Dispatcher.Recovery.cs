using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>What recovery found.</summary>
/// <param name="Released">Claimed touches given back to the queue (never sent).</param>
/// <param name="ConfirmedSent">Touches left Sending that the sender confirms went.</param>
/// <param name="NotSent">Touches left Sending that the sender confirms did not go: queued again.</param>
/// <param name="Uncertain">Touches left Sending whose fate nobody can tell: recorded Uncertain, never sent again.</param>
public sealed record RecoveryReport(int Released, int ConfirmedSent, int NotSent, int Uncertain);

public sealed partial class Dispatcher
{
    /// <summary>
    /// At start, before dispatching, with this database's single-worker lock held: every touch left Claimed or Sending
    /// belongs to a process that is gone. Claimed ones go back to Scheduled (they were never sent). Sending ones — at
    /// most the sends that were in flight — are reconciled with the sender: sent, not sent (scheduled again), or, when
    /// the sender cannot tell, Uncertain and never sent again.
    /// </summary>
    public Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken = default) => RecoverAsync(everything: true, cancellationToken);

    /// <summary>
    /// While running, before each dispatch run: claims whose lease ran out (or this process's own, left by a run that
    /// failed) go back to the queue; Sending touches whose lease ran out and that are not in flight here are reconciled.
    /// </summary>
    public Task<RecoveryReport> RecoverExpiredAsync(CancellationToken cancellationToken = default) => RecoverAsync(everything: false, cancellationToken);

    private async Task<RecoveryReport> RecoverAsync(bool everything, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var inFlight = health.InFlight.ToList();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var released = await db.Touches
            .Where(t => t.Status == TouchStatus.Claimed && (everything || t.LeaseOwner == Node || t.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TouchStatus.Scheduled).SetProperty(t => t.LeaseOwner, (string?)null)
                .SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null), cancellationToken);

        var stuck = await db.Touches
            .Where(t => t.Status == TouchStatus.Sending && !inFlight.Contains(t.Id) && (everything || t.LeaseOwner == Node || t.LeaseUntil < now))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        int confirmed = 0, notSent = 0, uncertain = 0;
        if (stuck.Count > 0)
        {
            var batch = await DispatchBatch.LoadAsync(db, stuck, now, cancellationToken);
            var group = locations.Group;
            foreach (var item in batch.Items)
            {
                var touch = item.Touch;
                var channel = touch.Channel!.Value;
                var reconciler = (channel == Channel.Sms ? smsSender : (object)emailSender) as ISendReconciler;
                var sent = reconciler is null ? null : await reconciler.WasSentAsync(touch.Id, channel, cancellationToken);
                switch (sent)
                {
                    case true:
                        touch.Sent(touch.SendingAt ?? now, touch.ProviderMessageId, "sent: confirmed by the sender after a restart");
                        item.Enrollment.MessageSent();
                        db.Touches.AddRange(PlanNext(db, item, group, batch, touch.SendingAt ?? now, now));
                        confirmed++;
                        break;
                    case false:
                        touch.NotSent("not sent before a restart (the sender has no record of it); scheduled again");
                        notSent++;
                        break;
                    default:
                        touch.BecomeUncertain("uncertain: it was being sent when the worker stopped, and the sender cannot say whether it went; not sent again");
                        db.Touches.AddRange(PlanNext(db, item, group, batch, touch.SendingAt ?? now, now));
                        uncertain++;
                        break;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var report = new RecoveryReport(released, confirmed, notSent, uncertain);
        if (released + stuck.Count > 0)
        {
            LogRecovered(logger, released, confirmed, notSent, uncertain);
        }

        return report;
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Recovered touches a stopped run left behind: {Released} claimed ones back to the queue; of those left sending, {Confirmed} confirmed sent, {NotSent} not sent and queued again, {Uncertain} uncertain (never sent again)")]
    private static partial void LogRecovered(ILogger logger, int released, int confirmed, int notSent, int uncertain);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "The database refused to {What} (touch {TouchId}, attempt {Attempt}): {Why}; the outcome is kept and tried again")]
    private static partial void LogWriteFailed(ILogger logger, string what, long touchId, int attempt, string why);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "The database took the write again: {What} (touch {TouchId}) succeeded on attempt {Attempt}")]
    private static partial void LogWriteRecovered(ILogger logger, string what, long touchId, int attempt);
}
