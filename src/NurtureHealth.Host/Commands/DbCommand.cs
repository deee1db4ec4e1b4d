using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Storage;

namespace NurtureHealth.Host.Commands;

/// <summary><c>nurture db migrate</c>: creates or upgrades the database.</summary>
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
        return new Command("db", "Database maintenance.") { migrate };
    }
}
