using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>
/// Accounts for touches a stopped process left behind. Ready and Claimed ones were never sent: they go back to Scheduled,
/// and their sequence decides again what they send. Sending ones — at most the sends that were in flight — are reconciled
/// with the sender: sent, not sent (scheduled again), or, when the sender cannot tell, Uncertain and never sent again.
/// </summary>
public sealed partial class DispatchRecovery(IDbContextFactory<NurtureDbContext> databases, DispatchNode node, MessageSenders senders, TimeProvider clock,
    ILogger<DispatchRecovery> logger)
{
    /// <summary>
    /// At start. On SQLite, with the database's single-worker lock held, every Ready, Claimed or Sending touch belongs to a
    /// process that is gone. On PostgreSQL only what a lease no longer holds is (as <see cref="RecoverExpiredAsync"/>).
    /// </summary>
    public Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken = default) => RecoverAsync(everything: true, cancellationToken);

    /// <summary>
    /// While running, before each dispatch run: claims whose lease ran out (on SQLite also this node's own, left by a run
    /// that failed) go back; Sending touches whose lease ran out and that are not in flight here are reconciled.
    /// </summary>
    public Task<RecoveryReport> RecoverExpiredAsync(CancellationToken cancellationToken = default) => RecoverAsync(everything: false, cancellationToken);

    private async Task<RecoveryReport> RecoverAsync(bool everything, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var inFlight = node.InFlight.ToList();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // On PostgreSQL other nodes may be running, and on this node the dispatch worker sends beside the job: what any of
        // them holds is theirs until its lease ends. On SQLite the job is the only sender, so this node's own claims,
        // found between its runs, were left by a run that failed.
        var severalSenders = db.Database.IsNpgsql();
        everything &= !severalSenders;
        var mine = severalSenders ? null : node.Name;
        var released = await db.Touches
            .Where(t => (t.Status == TouchStatus.Claimed && (everything || t.LeaseOwner == mine || t.LeaseUntil < now)) || (everything && t.Status == TouchStatus.Ready))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TouchStatus.Scheduled).SetProperty(t => t.Template, (string?)null)
                .SetProperty(t => t.LeaseOwner, (string?)null).SetProperty(t => t.LeaseUntil, (DateTimeOffset?)null), cancellationToken);

        var stuck = await db.Touches
            .Where(t => t.Status == TouchStatus.Sending && !inFlight.Contains(t.Id) && (everything || t.LeaseOwner == mine || t.LeaseUntil < now))
            .ToListAsync(cancellationToken);
        int confirmed = 0, notSent = 0, uncertain = 0;
        if (stuck.Count > 0)
        {
            var ids = stuck.Select(t => t.EnrollmentId).Distinct().ToList();
            var enrollments = await db.Enrollments.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
            foreach (var touch in stuck)
            {
                var enrollment = enrollments[touch.EnrollmentId];
                switch (await senders.WasSentAsync(touch.Id, touch.Channel!.Value, cancellationToken))
                {
                    case true:
                        touch.Sent(touch.SendingAt ?? now, touch.ProviderMessageId, "sent: confirmed by the sender after a restart");
                        enrollment.MessageSent();
                        enrollment.StepDone(touch, touch.SendingAt ?? now);
                        confirmed++;
                        break;
                    case false:
                        touch.NotSent("not sent before a restart (the sender has no record of it); scheduled again");
                        notSent++;
                        break;
                    default:
                        touch.BecomeUncertain("uncertain: it was being sent when the worker stopped, and the sender cannot say whether it went; not sent again");
                        enrollment.StepDone(touch, touch.SendingAt ?? now);
                        uncertain++;
                        break;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (released + stuck.Count > 0)
        {
            LogRecovered(logger, released, confirmed, notSent, uncertain);
        }

        return new RecoveryReport(released, confirmed, notSent, uncertain);
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
        Message = "Recovered touches a stopped run left behind: {Released} ready or claimed ones back to their sequence; of those left sending, {Confirmed} confirmed sent, {NotSent} not sent and queued again, {Uncertain} uncertain (never sent again)")]
    private static partial void LogRecovered(ILogger logger, int released, int confirmed, int notSent, int uncertain);
}
