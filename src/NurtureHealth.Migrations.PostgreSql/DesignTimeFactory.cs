using Microsoft.EntityFrameworkCore.Design;
using NurtureHealth.Storage;

namespace NurtureHealth.Migrations.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add … --project src/NurtureHealth.Migrations.PostgreSql</c> build the PostgreSQL model
/// without a running host or server.
/// </summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NurtureDbContext>
{
    public NurtureDbContext CreateDbContext(string[] args) =>
        new(NurtureDatabase.Options(new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = "Host=localhost;Database=nurture_design_time" }));
}
