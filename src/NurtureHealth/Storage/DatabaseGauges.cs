using Microsoft.EntityFrameworkCore;
using NurtureHealth.Telemetry;
using NurtureHealth.Touches;

namespace NurtureHealth.Storage;

/// <summary>The Meter's gauges, counted in the database when a scrape or an export asks (one small count each).</summary>
internal sealed class DatabaseGauges(IDbContextFactory<NurtureDbContext> databases, TimeProvider clock) : IMetricGauges
{
    public long Due()
    {
        var now = clock.GetUtcNow();
        using var db = databases.CreateDbContext();
        return db.Touches.LongCount(t => (t.Status == TouchStatus.Scheduled || t.Status == TouchStatus.Ready) && t.Kind == StepKind.Send && t.DueAt <= now);
    }

    public long Uncertain()
    {
        using var db = databases.CreateDbContext();
        return db.Touches.LongCount(t => t.Status == TouchStatus.Uncertain);
    }

    public long PendingWriteBacks()
    {
        using var db = databases.CreateDbContext();
        return db.FhirWriteBacks.LongCount(w => w.Status == Fhir.WriteBackStatus.Pending);
    }
}
