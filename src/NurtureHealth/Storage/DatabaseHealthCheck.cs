using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NurtureHealth.Storage;

/// <summary>Healthy when the database answers.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<NurtureDbContext> databases) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("the database answers")
            : HealthCheckResult.Unhealthy("the database does not answer");
    }
}
