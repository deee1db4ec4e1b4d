using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace NurtureHealth.Messaging;

/// <summary>What recovery found after a restart.</summary>
public sealed record RecoveryReport(int Released, int ConfirmedSent, int NotSent, int Uncertain);

public sealed partial class Dispatcher
{
    /// <summary>
    /// Run once at start, before dispatching. Touches claimed by an earlier process (or whose lease ran
    /// out) go back to Scheduled: they were never sent. Touches left in Sending are reconciled with the
    /// sender — sent, not sent (scheduled again), or, when the sender cannot tell, Uncertain and never
    /// sent again.
    /// </summary>
    public async Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var released = await db.Touches
            .Where(t => t.Status == TouchStatus.Claimed && (t.LeaseOwner != Node || t.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TouchStatus.Scheduled).SetProperty(t => t.LeaseOwner, (string?)null)
                .SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null), cancellationToken);

        var stuck = await db.Touches.Where(t => t.Status == TouchStatus.Sending && (t.LeaseOwner != Node || t.LeaseUntil < now))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        int confirmed = 0, notSent = 0, uncertain = 0;
        if (stuck.Count > 0)
        {
            var batch = await DispatchBatch.LoadAsync(db, stuck, now, cancellationToken);
            var group = locations.Group;
            foreach (var item in batch.Items)
            {
                var touch = item.Touch;
                var channel = touch.Channel == "sms" ? Channel.Sms : Channel.Email;
                var reconciler = (channel == Channel.Sms ? smsSender : (object)emailSender) as ISendReconciler;
                var sent = reconciler is null ? null : await reconciler.WasSentAsync(touch.Id, channel, cancellationToken);
                switch (sent)
                {
                    case true:
                        (touch.Status, touch.SentAt, touch.Outcome) = (TouchStatus.Sent, touch.SendingAt, "sent: confirmed by the sender after a restart");
                        item.Enrollment.TouchesSent++;
                        item.Enrollment.UnengagedTouches++;
                        PlanNext(db, item, group, batch, touch.SendingAt ?? now, now);
                        confirmed++;
                        break;
                    case false:
                        (touch.Status, touch.LeaseOwner, touch.LeaseUntil, touch.SendingAt, touch.Outcome) =
                            (TouchStatus.Scheduled, null, null, null, "not sent before a restart (the sender has no record of it); scheduled again");
                        notSent++;
                        break;
                    default:
                        (touch.Status, touch.Outcome) = (TouchStatus.Uncertain, "may have been sent before a restart and the sender cannot say; not sent again");
                        PlanNext(db, item, group, batch, touch.SendingAt ?? now, now);
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

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Recovered after a restart: {Released} claimed touches released; of those left sending, {Confirmed} confirmed sent, {NotSent} not sent and rescheduled, {Uncertain} uncertain")]
    private static partial void LogRecovered(ILogger logger, int released, int confirmed, int notSent, int uncertain);
}
