using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NurtureHealth.Storage;

/// <summary>Creating and migrating the database.</summary>
public static class NurtureDatabase
{
    /// <summary>Options for a SQLite database at <paramref name="connectionString"/>.</summary>
    public static DbContextOptions<NurtureDbContext> SqliteOptions(string connectionString) =>
        Configure(new DbContextOptionsBuilder<NurtureDbContext>(), connectionString).Options;

    internal static DbContextOptionsBuilder<NurtureDbContext> Configure(DbContextOptionsBuilder<NurtureDbContext> builder, string connectionString) =>
        builder.UseSqlite(connectionString).AddInterceptors(new SqliteTuning());

    /// <summary>
    /// Applies every pending migration and switches the file to write-ahead logging. Safe to run on every start.
    /// </summary>
    public static async Task MigrateAsync(NurtureDbContext db, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(DataSource(db)));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    private static string DataSource(NurtureDbContext db) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NurtureDbContext>
{
    public NurtureDbContext CreateDbContext(string[] args) => new(NurtureDatabase.SqliteOptions("Data Source=design-time.db"));
}
