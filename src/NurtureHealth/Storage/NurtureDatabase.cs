using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NurtureHealth.Storage;

/// <summary>Creating and migrating the database.</summary>
public static partial class NurtureDatabase
{
    /// <summary>Options for a SQLite database at <paramref name="connectionString"/>.</summary>
    public static DbContextOptions<NurtureDbContext> SqliteOptions(string connectionString) =>
        Configure(new DbContextOptionsBuilder<NurtureDbContext>(), connectionString).Options;

    /// <remarks>
    /// The connection string's <c>Default Timeout</c> (seconds, default 30) is how long any statement, EF Core's included,
    /// waits for another process's write lock before it fails as "locked".
    /// </remarks>
    internal static DbContextOptionsBuilder<NurtureDbContext> Configure(DbContextOptionsBuilder<NurtureDbContext> builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.CommandTimeout(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DefaultTimeout))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new SqliteTuning());

    /// <summary>
    /// Applies every pending migration and switches the file to write-ahead logging. Safe to run on every start, and from
    /// several processes at once: they take turns through an operating-system lock beside the file, which dies with its
    /// process. EF Core's own lock row is therefore stale whenever that lock is ours — left by a process killed while
    /// migrating — and is cleared instead of waited on forever.
    /// </summary>
    public static async Task MigrateAsync(NurtureDbContext db, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var file = DatabaseFileLock.DatabaseFile(db.Database.GetConnectionString()!);
        using var migrating = file is null
            ? null
            : await DatabaseFileLock.AcquireAsync(file, "migrate", DatabaseFileLock.Describe("migrating"),
                holder => LogWaiting(logger, file, holder), cancellationToken);
        if (file is not null)
        {
            await ClearStaleLockAsync(db, file, logger, cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    private static async Task ClearStaleLockAsync(NurtureDbContext db, string file, ILogger logger, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return;
            }

            command.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
            if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                LogClearedStaleLock(logger, file);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Waiting for another process to finish migrating the database {File}: {Holder}")]
    private static partial void LogWaiting(ILogger logger, string file, string holder);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning,
        Message = "Cleared the migration lock left in {File} by a process that stopped while migrating; migrating now")]
    private static partial void LogClearedStaleLock(ILogger logger, string file);
}
