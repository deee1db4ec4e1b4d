using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

public sealed partial class Dispatcher
{
    /// <summary>
    /// Cancels the people's pending touches on one channel (after a STOP, an unsubscribe, a bounce) and plans
    /// each enrollment's next step, so the other channel carries on. Only touches still Scheduled or Claimed
    /// are taken — one already being sent finishes — and each is taken exactly once.
    /// </summary>
    public async Task<int> CancelPendingAsync(IReadOnlyCollection<long> contactIds, Channel channel, string reason, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var candidates = await db.Touches.Where(t => contactIds.Contains(t.ContactId) && t.Channel == channel
                                                     && (t.Status == TouchStatus.Scheduled || t.Status == TouchStatus.Claimed))
            .Select(t => t.Id).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taken = new List<long>();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = $"UPDATE touches SET status = 'cancelled', outcome = @outcome WHERE status IN ('scheduled', 'claimed') AND id IN ({string.Join(", ", candidates)}) RETURNING id";
            DispatchClaims.Add(command, "@outcome", $"cancelled: {reason}");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                taken.Add(reader.GetInt64(0));
            }
        }

        var batch = await DispatchBatch.LoadAsync(db, taken, now, cancellationToken);
        foreach (var item in batch.Items)
        {
            db.Touches.AddRange(PlanNext(db, item, locations.Group, batch, item.Touch.DueAt < now ? now : item.Touch.DueAt, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return taken.Count;
    }
}
