using Microsoft.EntityFrameworkCore;
using NurtureHealth.Scheduling;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>The messages each person has been sent or has coming, across every sequence: what the frequency cap counts.</summary>
internal static class TouchHistory
{
    private static readonly TouchStatus[] Counted = [TouchStatus.Sent, TouchStatus.Scheduled, TouchStatus.Claimed, TouchStatus.Sending, TouchStatus.Uncertain];

    public static async Task<Dictionary<long, List<PlannedMessage>>> LoadAsync(NurtureDbContext db, IReadOnlyCollection<long> contactIds, DateTimeOffset around, CancellationToken cancellationToken)
    {
        var result = contactIds.Distinct().ToDictionary(id => id, _ => new List<PlannedMessage>());
        var from = around.AddDays(-8);
        foreach (var chunk in contactIds.Distinct().Chunk(500))
        {
            var rows = await db.Touches.AsNoTracking()
                .Where(t => chunk.Contains(t.ContactId) && Counted.Contains(t.Status) && t.DueAt >= from && t.Kind == StepKind.Send)
                .Select(t => new { t.ContactId, t.Status, t.DueAt, t.SentAt, t.Channel })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                result[row.ContactId].Add(new PlannedMessage(row.SentAt ?? row.DueAt, row.Channel!.Value));
            }
        }

        return result;
    }
}
