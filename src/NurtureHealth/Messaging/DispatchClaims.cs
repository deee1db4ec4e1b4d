using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;

namespace NurtureHealth.Messaging;

/// <summary>
/// The SQL of a batch's life cycle: claim it (Ready → Claimed, with a lease) and give back what was not started
/// (Claimed → Scheduled, for its sequence to decide again); each touch's own Sending and outcome are written by <see cref="BatchWriter"/>. Each statement checks the state it
/// expects, so a touch an exit cancelled meanwhile is never taken.
/// </summary>
internal static class DispatchClaims
{
    public static async Task<List<long>> ClaimAsync(IDbContextFactory<NurtureDbContext> databases, string node, DateTimeOffset now, TimeSpan lease, int limit,
        CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText =
            "UPDATE touches SET status = 'claimed', lease_owner = @owner, lease_until = @until " +
            "WHERE id IN (SELECT id FROM touches WHERE status = 'ready' AND due_at <= @now ORDER BY due_at, id LIMIT @limit) " +
            "AND status = 'ready' RETURNING id";
        Add(command, "@owner", node);
        Add(command, "@until", SqliteInstant.ToDb(now + lease));
        Add(command, "@now", SqliteInstant.ToDb(now));
        Add(command, "@limit", limit);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        ids.Sort();
        return ids;
    }

    /// <summary>Claimed → Scheduled for touches this node holds and did not start (their sequence decides again); returns how many went back.</summary>
    public static async Task<int> ReleaseAsync(NurtureDbContext db, string node, IReadOnlyCollection<long> touchIds, string outcome, CancellationToken cancellationToken)
    {
        var released = 0;
        foreach (var chunk in touchIds.Chunk(500))
        {
            await using var command = await CommandAsync(db);
            command.CommandText = "UPDATE touches SET status = 'scheduled', template = NULL, lease_owner = NULL, lease_until = NULL, outcome = @outcome " +
                                  $"WHERE status = 'claimed' AND lease_owner = @owner AND id IN ({string.Join(", ", chunk)})";
            Add(command, "@outcome", outcome);
            Add(command, "@owner", node);
            released += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return released;
    }

    private static async Task<DbCommand> CommandAsync(NurtureDbContext db)
    {
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction is { } transaction ? Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(transaction) : null;
        return command;
    }

    internal static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
