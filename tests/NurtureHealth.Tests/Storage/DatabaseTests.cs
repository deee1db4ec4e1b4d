using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace NurtureHealth.Tests.Storage;

public sealed class DatabaseTests : IDisposable
{
    private readonly NurtureServices _services = new();

    [Fact]
    public void Migrations_CoverTheWholeModel()
    {
        using var db = _services.Db();

        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
        Assert.Empty(db.Database.GetPendingMigrations());
    }

    [Fact]
    public void Database_UsesWriteAheadLogging()
    {
        using var connection = new SqliteConnection($"Data Source={_services.Folder.File("nurture.db")}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void Schema_UsesSnakeCaseNamesOperatorsCanQuery()
    {
        using var db = _services.Db();

        var count = db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM leads WHERE external_id IS NOT NULL AND unresolved_reason IS NULL").Single();

        Assert.Equal(0, count);
    }

    public void Dispose() => _services.Dispose();
}
