using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;

namespace NurtureHealth.Fhir;

/// <summary>Reads and moves a poll's watermark; it only ever moves after what it covers was committed.</summary>
internal static class FhirWatermarks
{
    public static async Task<DateTimeOffset?> ReadAsync(NurtureDbContext db, string name, CancellationToken cancellationToken) =>
        await db.FhirWatermarks.Where(w => w.Name == name).Select(w => (DateTimeOffset?)w.Value).SingleOrDefaultAsync(cancellationToken);

    public static async Task MoveAsync(NurtureDbContext db, string name, DateTimeOffset value, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mark = await db.FhirWatermarks.SingleOrDefaultAsync(w => w.Name == name, cancellationToken);
        if (mark is null)
        {
            db.FhirWatermarks.Add(new FhirWatermark { Name = name, Value = value, UpdatedAt = now });
        }
        else if (value > mark.Value)
        {
            (mark.Value, mark.UpdatedAt) = (value, now);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
