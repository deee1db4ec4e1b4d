using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NurtureHealth.Storage;

/// <summary>Creating and migrating the database.</summary>
public static partial class NurtureDatabase
{
    /// <summary>The assembly that holds the PostgreSQL migrations (the SQLite ones live in this library).</summary>
    public const string PostgreSqlMigrations = "NurtureHealth.Migrations.PostgreSql";

    /// <summary>Options for a SQLite database at <paramref name="connectionString"/>.</summary>
    public static DbContextOptions<NurtureDbContext> SqliteOptions(string connectionString) =>
        Configure(new DbContextOptionsBuilder<NurtureDbContext>(), new StorageOptions { ConnectionString = connectionString }).Options;

    /// <summary>Options for the database <paramref name="storage"/> names.</summary>
    public static DbContextOptions<NurtureDbContext> Options(StorageOptions storage) => Configure(new DbContextOptionsBuilder<NurtureDbContext>(), storage).Options;

    /// <remarks>
    /// SQLite: the connection string's <c>Default Timeout</c> (seconds, default 30) is how long any statement, EF Core's included,
    /// waits for another process's write lock before it fails as "locked". PostgreSQL: its migrations come from
    /// <see cref="PostgreSqlMigrations"/>, which the host references.
    /// </remarks>
    internal static DbContextOptionsBuilder<NurtureDbContext> Configure(DbContextOptionsBuilder<NurtureDbContext> builder, StorageOptions storage) =>
        (storage.Provider == StorageProvider.PostgreSql
            ? builder.UseNpgsql(PostgreSqlConnection(storage.ConnectionString), o => o.MigrationsAssembly(PostgreSqlMigrations))
            : builder.UseSqlite(storage.ConnectionString, o => o.CommandTimeout(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(storage.ConnectionString).DefaultTimeout))
                .AddInterceptors(new SqliteTuning()))
        .UseSnakeCaseNamingConvention();

    /// <summary>The PostgreSQL connection string as used: statements run again and again are prepared unless the operator said otherwise.</summary>
    public static string PostgreSqlConnection(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Applies every pending migration and switches the file to write-ahead logging. Safe to run on every start, and from
    /// several processes at once: they take turns through an operating-system lock beside the file, which dies with its
    /// process. EF Core's own lock row is therefore stale whenever that lock is ours — left by a process killed while
    /// migrating — and is cleared instead of waited on forever.
    /// </summary>
    public static async Task MigrateAsync(NurtureDbContext db, CancellationToken cancellationToken = default, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        if (db.Database.IsNpgsql())
        {
            // Npgsql's migrator takes a PostgreSQL advisory lock, which dies with its session: nodes migrating at once take turns.
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

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
