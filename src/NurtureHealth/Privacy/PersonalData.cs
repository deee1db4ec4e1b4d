using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;

namespace NurtureHealth.Privacy;

/// <summary>
/// Erases a set of people's personal fields wherever they are kept — the contact, every lead, hand-offs (the number and
/// the words of a reply), touches' subjects — and leaves the ids, statuses, locations and instants the report counts.
/// </summary>
internal static class PersonalData
{
    /// <summary>What one erasure changed, in rows.</summary>
    public sealed record Erased(int Contacts, int Leads, int HandOffs, int Touches)
    {
        public override string ToString() => $"{Contacts} contacts, {Leads} leads, {HandOffs} hand-offs, {Touches} touch subjects";
    }

    /// <summary>The people themselves and every contact merged into them.</summary>
    public static async Task<List<long>> WithMergedAsync(NurtureDbContext db, IReadOnlyCollection<long> contactIds, CancellationToken cancellationToken)
    {
        var all = contactIds.ToHashSet();
        foreach (var chunk in contactIds.Chunk(500))
        {
            all.UnionWith(await db.Contacts.Where(c => c.MergedIntoId != null && chunk.Contains(c.MergedIntoId.Value)).Select(c => c.Id).ToListAsync(cancellationToken));
        }

        return [.. all];
    }

    /// <summary>Erases in the caller's transaction.</summary>
    public static async Task<Erased> EraseAsync(NurtureDbContext db, IReadOnlyCollection<long> contactIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (contacts, leads, handOffs, touches) = (0, 0, 0, 0);
        foreach (var chunk in contactIds.Chunk(500))
        {
            contacts += await db.Contacts.Where(c => chunk.Contains(c.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Email, (string?)null).SetProperty(c => c.Phone, (string?)null)
                .SetProperty(c => c.FirstName, "").SetProperty(c => c.LastName, (string?)null)
                .SetProperty(c => c.SmsConsentText, (string?)null).SetProperty(c => c.SmsConsentLeadId, (string?)null).SetProperty(c => c.UpdatedAt, now), cancellationToken);
            leads += await db.Leads.Where(l => chunk.Contains(l.ContactId)).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.FirstName, "").SetProperty(l => l.LastName, (string?)null)
                .SetProperty(l => l.Email, (string?)null).SetProperty(l => l.Phone, (string?)null)
                .SetProperty(l => l.PostalCode, (string?)null).SetProperty(l => l.Lat, (double?)null).SetProperty(l => l.Lon, (double?)null)
                .SetProperty(l => l.Interest, (string?)null).SetProperty(l => l.ConsentSmsText, (string?)null), cancellationToken);
            handOffs += await db.HandOffs.Where(h => h.ContactId != null && chunk.Contains(h.ContactId.Value)).ExecuteUpdateAsync(s => s
                .SetProperty(h => h.Phone, (string?)null).SetProperty(h => h.Message, (string?)null), cancellationToken);
            touches += await db.Touches.Where(t => chunk.Contains(t.ContactId) && t.Subject != null).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Subject, (string?)null), cancellationToken);
        }

        return new Erased(contacts, leads, handOffs, touches);
    }
}
