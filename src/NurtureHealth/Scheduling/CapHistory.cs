using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Scheduling;

/// <summary>
/// The messages each person has had and has coming, across every sequence and channel, over the last eight days and
/// ahead: what the frequency cap counts. <see cref="Past"/> — sent, being sent, or uncertain — is what a send is held to;
/// <see cref="All"/> adds what is planned (scheduled, ready, claimed), which planning is held to. One history for both.
/// </summary>
public sealed class CapHistory
{
    private static readonly TouchStatus[] PastStatuses = [TouchStatus.Sent, TouchStatus.Sending, TouchStatus.Uncertain];
    private static readonly TouchStatus[] Counted = [.. PastStatuses, TouchStatus.Scheduled, TouchStatus.Ready, TouchStatus.Claimed];
    private readonly Dictionary<long, List<PlannedMessage>> _past = [];
    private readonly Dictionary<long, List<PlannedMessage>> _all = [];

    /// <summary>Reads the history of these contacts around <paramref name="now"/>, leaving out <paramref name="excluding"/> (the touches being decided).</summary>
    public static async Task<CapHistory> LoadAsync(NurtureDbContext db, IReadOnlyCollection<long> contactIds, DateTimeOffset now, IReadOnlyCollection<long> excluding,
        CancellationToken cancellationToken)
    {
        var history = new CapHistory();
        foreach (var id in contactIds)
        {
            history._past[id] = [];
            history._all[id] = [];
        }

        var from = now.AddDays(-8);
        foreach (var chunk in contactIds.Distinct().Chunk(500))
        {
            var rows = await db.Touches.AsNoTracking()
                .Where(t => chunk.Contains(t.ContactId) && t.Kind == StepKind.Send && !t.Care && t.DueAt >= from && Counted.Contains(t.Status) && !excluding.Contains(t.Id))
                .Select(t => new { t.ContactId, t.Status, t.DueAt, t.SentAt, t.Channel })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var message = new PlannedMessage(row.SentAt ?? row.DueAt, row.Channel!.Value);
                history._all[row.ContactId].Add(message);
                if (PastStatuses.Contains(row.Status))
                {
                    history._past[row.ContactId].Add(message);
                }
            }
        }

        return history;
    }

    /// <summary>Messages the person has had (what a send is held to).</summary>
    public IReadOnlyCollection<PlannedMessage> Past(long contactId) => _past[contactId];

    /// <summary>Messages had and planned (what planning is held to).</summary>
    public IReadOnlyCollection<PlannedMessage> All(long contactId) => _all[contactId];

    /// <summary>Counts a message about to go now.</summary>
    public void Sending(long contactId, Channel channel, DateTimeOffset at)
    {
        _past[contactId].Add(new PlannedMessage(at, channel));
        _all[contactId].Add(new PlannedMessage(at, channel));
    }

    /// <summary>Counts a newly planned touch (a wait, or a reminder, counts for nothing).</summary>
    public void Planned(long contactId, Touch touch)
    {
        if (touch.Status == TouchStatus.Scheduled && !touch.Care && touch.Channel is { } channel)
        {
            _all[contactId].Add(new PlannedMessage(touch.DueAt, channel));
        }
    }
}
