using Microsoft.EntityFrameworkCore;

namespace NurtureHealth.Storage;

/// <summary>
/// Work that two writers must not do at once, whichever node they run on: the second waits for the first's transaction
/// to end, then sees what it wrote. SQLite gives this already (a transaction holds the one write lock from its start);
/// on PostgreSQL it is a transaction-scoped advisory lock, released by commit, rollback or a dead session.
/// </summary>
public static class DatabaseTurn
{
    /// <summary>The first key of NurtureHealth's advisory locks for turns, so they meet no one else's.</summary>
    internal const int LockSpace = 74_100_014;

    /// <summary>The first key of dispatch's per-person advisory locks (the second key is the person), beside the turns'.</summary>
    internal const int PersonLockSpace = LockSpace + 1;

    /// <summary>Enrolling leads: one active enrollment per person and sequence is read, then written.</summary>
    public const int Enroll = 1;

    /// <summary>Waits, inside <paramref name="db"/>'s current transaction, until it is this transaction's turn at <paramref name="work"/>.</summary>
    public static async Task TakeAsync(NurtureDbContext db, int work, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockSpace}, {work})", cancellationToken);
        }
    }
}
