using System.CommandLine;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NurtureHealth.Storage;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// <c>nurture db backup FILE</c>: a consistent copy of the live SQLite database, taken with SQLite's online backup while
/// the worker goes on writing (in WAL mode a reader blocks no writer), then checked (<c>PRAGMA integrity_check</c>).
/// </summary>
internal static class DbBackupCommand
{
    public static Command Create()
    {
        var database = CommonOptions.Database();
        var file = new Argument<string>("FILE") { Description = "The backup file to write; it must not exist yet (copy it off the machine afterwards)." };
        var backup = new Command("backup", "Write a consistent copy of the SQLite database, even while nurture run writes to it, and check it.") { file, database };
        backup.SetAction((result, cancellationToken) => ToolHost.RunAsync(
            CommonOptions.Overrides(result, null, database),
            needsDatabase: false,
            async (services, ct) =>
            {
                var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
                if (storage.Provider != StorageProvider.Sqlite)
                {
                    await Console.Error.WriteLineAsync("nurture db backup copies a SQLite database; for PostgreSQL use pg_dump or your provider's backups (docs/operations.md, Backups).");
                    return ToolHost.ConfigurationError;
                }

                if (await ToolHost.RequireExistingDatabaseAsync(services, ct) is { } missing)
                {
                    return missing;
                }

                var target = Path.GetFullPath(result.GetValue(file)!);
                if (Path.Exists(target))
                {
                    await Console.Error.WriteLineAsync($"{target} exists already: give a new file name (a backup never overwrites).");
                    return ToolHost.ConfigurationError;
                }

                if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
                {
                    await Console.Error.WriteLineAsync($"The folder {folder} does not exist: create it first.");
                    return ToolHost.ConfigurationError;
                }

                return Backup(DatabaseFileLock.DatabaseFile(storage.ConnectionString)!, target);
            },
            cancellationToken));
        return backup;
    }

    private static int Backup(string source, string target)
    {
        var watch = Stopwatch.StartNew();
        var into = new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString();
        try
        {
            using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Pooling = false, DefaultTimeout = 30 }.ToString()))
            using (var to = new SqliteConnection(into))
            {
                from.Open();
                to.Open();
                from.BackupDatabase(to); // every page in one step, inside one read transaction: a snapshot
            }

            using var check = new SqliteConnection(into);
            check.Open();
            var integrity = Scalar(check, "PRAGMA integrity_check");
            if (integrity != "ok")
            {
                Console.Error.WriteLine($"The backup at {target} failed its integrity check ({integrity}); it is not usable: run the backup again.");
                return 1;
            }

            // The copy stands alone: one file, no -wal beside it.
            Scalar(check, "PRAGMA journal_mode = DELETE");
            Console.WriteLine($"Backed up {source} to {target} ({new FileInfo(target).Length / 1024.0 / 1024.0:0.0} MB, {Scalar(check, "SELECT COUNT(*) FROM touches")} touches, " +
                              $"{Scalar(check, "SELECT COUNT(*) FROM contacts")} contacts) in {watch.Elapsed.TotalSeconds:0.0} s; integrity check: ok.");
            return 0;
        }
        catch (SqliteException e)
        {
            Console.Error.WriteLine($"The backup failed: {e.Message} (SQLite error {e.SqliteErrorCode}); nothing usable was written to {target}.");
            SqliteConnection.ClearAllPools();
            File.Delete(target);
            return 1;
        }
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
