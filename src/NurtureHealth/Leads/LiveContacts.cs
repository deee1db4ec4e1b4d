using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;

namespace NurtureHealth.Leads;

/// <summary>The person behind each contact id: a contact merged into another is that other one.</summary>
public static class LiveContacts
{
    /// <summary>For each id, the contact it is now (following merges), tracked by <paramref name="db"/>.</summary>
    public static async Task<Dictionary<long, Contact>> LoadAsync(NurtureDbContext db, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var loaded = await db.Contacts.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var result = new Dictionary<long, Contact>();
        foreach (var id in ids.Distinct())
        {
            var contact = loaded[id];
            while (contact.MergedIntoId is { } target)
            {
                contact = loaded.TryGetValue(target, out var next) ? next : await db.Contacts.SingleAsync(c => c.Id == target, cancellationToken);
                loaded[contact.Id] = contact;
            }

            result[id] = contact;
        }

        return result;
    }
}
