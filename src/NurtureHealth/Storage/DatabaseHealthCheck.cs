using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NurtureHealth.Storage;

/// <summary>
/// Healthy when the database answers and takes writes; Degraded when it answers but cannot be written (locked by another
/// process, read-only, full): the worker then keeps what it must record and waits. Unhealthy when it does not answer.
/// </summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<NurtureDbContext> databases) : IHealthCheck
{
    /// <summary>How long the probe waits for another process's write lock.</summary>
    private const int ProbeSeconds = 2;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("the database does not answer");
        }

        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                sqlite.DefaultTimeout = ProbeSeconds;
            }

            // SQLite: BEGIN IMMEDIATE takes the write lock, as a write would, and writes nothing. PostgreSQL: the lock an
            // UPDATE of touches takes, without waiting for it.
            await using var probe = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("LOCK TABLE touches IN ROW EXCLUSIVE MODE NOWAIT", cancellationToken);
            }

            await probe.RollbackAsync(cancellationToken);
            return HealthCheckResult.Healthy("the database answers and takes writes");
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e))
        {
            return HealthCheckResult.Degraded($"the database answers but cannot be written: {StorageFailure.Describe(e)}");
        }
    }
}
