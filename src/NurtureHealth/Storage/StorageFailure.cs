using Microsoft.Data.Sqlite;

namespace NurtureHealth.Storage;

/// <summary>Tells a database that is unavailable for now (locked, read-only, full, unreachable) from a mistake in what was asked of it.</summary>
public static class StorageFailure
{
    // SQLite primary result codes: BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN.
    private static readonly int[] Unavailable = [5, 6, 8, 10, 13, 14];

    // PostgreSQL SQLSTATEs: read-only transaction, disk full, out of memory, too many connections, admin/crash shutdown, cannot connect now.
    // 55P03: a lock was not available within lock_timeout (another session holds the table); 40001 and 40P01: the
    // transaction lost a serialization conflict or a deadlock to another node's, and may simply run again.
    private static readonly string[] PostgreSqlUnavailable = ["25006", "40001", "40P01", "53100", "53200", "53300", "55P03", "57P01", "57P02", "57P03"];

    /// <summary>True when the exception (or one it wraps) says the database cannot be written now, and trying again later may work.</summary>
    public static bool IsUnavailable(Exception exception) => Find(exception) is not null || FindPostgreSql(exception) is not null;

    /// <summary>True when a write was refused by a unique index (SQLite's constraint error, PostgreSQL's 23505): the row is there already.</summary>
    public static bool IsDuplicate(Exception exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: 19 } or Npgsql.PostgresException { SqlState: "23505" };

    /// <summary>What went wrong in a few words, for logs and health: never the SQL or the values.</summary>
    public static string Describe(Exception exception) => FindPostgreSql(exception) is { } postgres
        ? postgres switch
        {
            Npgsql.PostgresException { SqlState: "25006" } => "the database is read-only",
            Npgsql.PostgresException { SqlState: "55P03" } => "the database is locked by another process",
            Npgsql.PostgresException { SqlState: "40001" or "40P01" } => "another node's transaction conflicted with this one",
            Npgsql.PostgresException { SqlState: "53100" } => "the database server's disk is full",
            Npgsql.PostgresException { SqlState: var state } => $"the database server refused (SQLSTATE {state})",
            _ => "the database server cannot be reached",
        }
        : Find(exception) switch
        {
            { SqliteErrorCode: 5 or 6 } => "the database is locked by another process",
            { SqliteErrorCode: 8 } => "the database is read-only",
            { SqliteErrorCode: 13 } => "the disk is full",
            { SqliteErrorCode: 10 or 14 } => "the database file cannot be read or written",
            _ => exception.GetType().Name,
        };

    private static Npgsql.NpgsqlException? FindPostgreSql(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException postgres ? PostgreSqlUnavailable.Contains(postgres.SqlState) : e is Npgsql.NpgsqlException { IsTransient: true })
            {
                return (Npgsql.NpgsqlException)e;
            }
        }

        return null;
    }

    private static SqliteException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite && Unavailable.Contains(sqlite.SqliteErrorCode))
            {
                return sqlite;
            }
        }

        return null;
    }
}
