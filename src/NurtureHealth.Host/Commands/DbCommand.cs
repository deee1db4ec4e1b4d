using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Storage;

namespace NurtureHealth.Host.Commands;

/// <summary><c>nurture db migrate</c>: creates or upgrades the database; <c>nurture db copy</c>: from SQLite to PostgreSQL.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var database = CommonOptions.Database();
        var migrate = new Command("migrate", "Create the database or apply pending migrations, then exit.") { database };
        migrate.SetAction((result, cancellationToken) => ToolHost.RunAsync(
            CommonOptions.Overrides(result, null, database),
            needsDatabase: false,
            async (services, ct) =>
            {
                var storage = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
                if (storage.Provider == StorageProvider.Sqlite && DatabaseFileLock.DatabaseFile(storage.ConnectionString) is { } file
                    && Path.GetDirectoryName(file) is { Length: > 0 } folder && !Directory.Exists(folder))
                {
                    await Console.Error.WriteLineAsync($"The folder {folder} does not exist: create it first, or give --db a file in a folder that does (a mistyped path is not made for you).");
                    return ToolHost.ConfigurationError;
                }

                var factory = services.GetRequiredService<IDbContextFactory<NurtureDbContext>>();
                await using var db = await factory.CreateDbContextAsync(ct);
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                await NurtureDatabase.MigrateAsync(db, ct, services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("NurtureHealth.Storage"));
                Console.WriteLine(pending.Count == 0
                    ? "The database is up to date."
                    : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
                return 0;
            },
            cancellationToken));
        return new Command("db", "Database maintenance.") { migrate, Copy(), DbBackupCommand.Create() };
    }

    /// <summary><c>nurture db copy --to "…"</c>: a SQLite database into an empty PostgreSQL one.</summary>
    private static Command Copy()
    {
        var database = CommonOptions.Database();
        var to = new Option<string>("--to")
        {
            Description = "The PostgreSQL connection string to copy into, such as \"Host=db;Database=nurture;Username=nurture;Password=…\". The database must be empty.",
            Required = true,
            HelpName = "CONNECTION-STRING",
        };
        var copy = new Command("copy", "Copy the SQLite database (every table but Quartz's) into an empty PostgreSQL database, check the counts, and say what moved.") { database, to };
        copy.SetAction((result, cancellationToken) => ToolHost.RunAsync(
            CommonOptions.Overrides(result, null, database),
            needsDatabase: true,
            async (services, ct) =>
            {
                if (services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.Provider != StorageProvider.Sqlite)
                {
                    await Console.Error.WriteLineAsync("nurture db copy moves a SQLite database to PostgreSQL, and the configured database is PostgreSQL already: give the SQLite file with --db.");
                    return ToolHost.ConfigurationError;
                }

                await using var db = await services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync(ct);
                IReadOnlyList<DatabaseCopy.Table> tables;
                try
                {
                    tables = await DatabaseCopy.CopyAsync(db, result.GetValue(to)!, ct);
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or Npgsql.NpgsqlException)
                {
                    // Npgsql's messages name the server and the database, never a password or a row.
                    await Console.Error.WriteLineAsync($"Nothing was copied: {e.Message}");
                    return 1;
                }

                Console.WriteLine($"{"table",-22} {"SQLite",12} {"PostgreSQL",12}");
                foreach (var t in tables)
                {
                    Console.WriteLine($"{t.Name,-22} {t.Source,12:N0} {t.Target,12:N0}{(t.Source == t.Target ? "" : "   counts differ")}");
                }

                var mismatched = tables.Count(t => t.Source != t.Target);
                Console.WriteLine(mismatched == 0
                    ? $"Copied {tables.Sum(t => t.Source):N0} rows in {tables.Count} tables; every count matches. Quartz's schedule was not copied: each node recreates its triggers when it starts."
                    : $"{mismatched} table(s) differ after the copy: do not switch over; look at the tables marked above.");
                return mismatched == 0 ? 0 : 1;
            },
            cancellationToken));
        return copy;
    }
}
