using Microsoft.EntityFrameworkCore.Design;

namespace NurtureHealth.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running host.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<NurtureDbContext>
{
    public NurtureDbContext CreateDbContext(string[] args) => new(NurtureDatabase.SqliteOptions("Data Source=design-time.db"));
}
