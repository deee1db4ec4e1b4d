using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>
/// Dispatch as an operator needs to see it: Degraded while outcomes wait because the database refuses writes, or while
/// touches are stuck (claimed or sending past their lease, and not in flight here); uncertain messages are counted on
/// their own, so nobody mistakes them for sent.
/// </summary>
internal sealed class DispatchHealthCheck(IDbContextFactory<NurtureDbContext> databases, DispatchNode health, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var inFlight = health.InFlight.ToList();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var stuck = await db.Touches.CountAsync(t => (t.Status == TouchStatus.Claimed || t.Status == TouchStatus.Sending) && t.LeaseUntil < now && !inFlight.Contains(t.Id),
            cancellationToken);
        var uncertain = await db.Touches.CountAsync(t => t.Status == TouchStatus.Uncertain, cancellationToken);
        var data = new Dictionary<string, object> { ["in_flight"] = inFlight.Count, ["stuck"] = stuck, ["uncertain"] = uncertain };
        var counts = $"{inFlight.Count} sending now, {uncertain} uncertain (may or may not have gone; never sent again)";
        if (health.WriteFailing is { } failing)
        {
            return HealthCheckResult.Degraded($"outcomes are waiting to be recorded since {failing.Since:yyyy-MM-dd HH:mm:ss} UTC: {failing.Why}; {counts}", data: data);
        }

        return stuck > 0
            ? HealthCheckResult.Degraded($"{stuck} touches are stuck past their lease (claimed or sending, and not in flight here): is dispatch running? {counts}", data: data)
            : HealthCheckResult.Healthy(counts, data);
    }
}
