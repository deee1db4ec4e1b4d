using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;

namespace NurtureHealth.Messaging;

/// <summary>
/// The SQL of a batch's life cycle: claim it (Ready → Claimed, with a lease) and give back what was not started
/// (Claimed → Scheduled, for its sequence to decide again); each touch's own Sending and outcome are written by <see cref="BatchWriter"/>. Each statement checks the state it
/// expects, so a touch an exit cancelled meanwhile is never taken. On PostgreSQL every node claims at once: a person's
/// touches are claimed by one node at a time, so the frequency caps, read after the claim, hold across nodes.
/// </summary>
internal static class DispatchClaims
{
    public static async Task<List<long>> ClaimAsync(IDbContextFactory<NurtureDbContext> databases, string node, DateTimeOffset now, TimeSpan lease, int limit,
        CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        Add(command, "@owner", node);
        Add(command, "@until", StoredInstant.ToDb(connection, now + lease)!);
        Add(command, "@now", StoredInstant.ToDb(connection, now)!);
        Add(command, "@limit", limit);
        if (connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            command.CommandText = "UPDATE touches SET status = 'claimed', lease_owner = @owner, lease_until = @until " +
                                  "WHERE id IN (SELECT id FROM touches WHERE status = 'ready' AND due_at <= @now ORDER BY due_at, id LIMIT @limit) " +
                                  "AND status = 'ready' RETURNING id";
        }
        else
        {
            // Several nodes: first the people this claim may serve — each one's advisory lock, taken without waiting, so
            // no two nodes claim for one person at once — then, in a fresh statement that sees every claim committed
            // before those locks were had, their ready touches, leaving anyone with a message claimed or being sent elsewhere.
            command.CommandText = PeopleSql;
            Add(command, "@space", DatabaseTurn.PersonLockSpace);
            var people = new List<long>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    people.Add(reader.GetInt64(0));
                }
            }

            command.CommandText = ClaimSql;
            Add(command, "@people", people.ToArray());
        }

        var ids = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        ids.Sort();
        return ids;
    }

    /// <summary>The people with the earliest ready touches whose lock this transaction could take (PostgreSQL).</summary>
    /// <remarks>
    /// The locks are tried in due order and only until <c>@limit</c> are had, so nodes woken together by one notification
    /// take the next people along rather than all failing on the first few.
    /// </remarks>
    private const string PeopleSql =
        "SELECT p.contact_id FROM (SELECT contact_id, MIN(due_at) AS first_due, MIN(id) AS first_id FROM touches " +
        "WHERE status = 'ready' AND due_at <= @now AND contact_id NOT IN (SELECT contact_id FROM touches WHERE status IN ('claimed', 'sending')) " +
        "GROUP BY contact_id ORDER BY first_due, first_id LIMIT @limit * 16) p " +
        "WHERE pg_try_advisory_xact_lock(@space, (p.contact_id % 2147483647)::int) LIMIT @limit";

    /// <summary>Their ready touches, unless one of theirs is claimed or being sent already (PostgreSQL).</summary>
    private const string ClaimSql =
        "UPDATE touches SET status = 'claimed', lease_owner = @owner, lease_until = @until " +
        "WHERE id IN (SELECT t.id FROM touches t WHERE t.status = 'ready' AND t.due_at <= @now AND t.contact_id = ANY(@people) " +
        "AND NOT EXISTS (SELECT 1 FROM touches o WHERE o.contact_id = t.contact_id AND o.status IN ('claimed', 'sending')) " +
        "ORDER BY t.due_at, t.id LIMIT @limit FOR UPDATE SKIP LOCKED) AND status = 'ready' RETURNING id";


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
