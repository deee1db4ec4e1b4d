using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Leads;

/// <summary>The group-wide suppression list: written by unsubscribes, STOPs and bounces, read before every send.</summary>
public static class Suppressions
{
    /// <summary>Adds an address (no-op when it is already there), in the caller's unit of work.</summary>
    public static async Task AddAsync(NurtureDbContext db, Channel channel, string address, string reason, string source, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!await db.Suppressions.AnyAsync(s => s.Channel == channel && s.Address == address, cancellationToken)
            && !db.Suppressions.Local.Any(s => s.Channel == channel && s.Address == address))
        {
            db.Suppressions.Add(new Suppression { Channel = channel, Address = address, Reason = reason, Source = source, CreatedAt = at });
        }
    }

    /// <summary>Removes an address (an opt-in), in the caller's unit of work.</summary>
    public static Task RemoveAsync(NurtureDbContext db, Channel channel, string address, CancellationToken cancellationToken) =>
        db.Suppressions.Where(s => s.Channel == channel && s.Address == address).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Which of these addresses are suppressed on the channel, with why.</summary>
    public static async Task<Dictionary<string, string>> FindAsync(NurtureDbContext db, Channel channel, IReadOnlyCollection<string> addresses, AddressHasher hasher,
        CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in addresses.Distinct().Chunk(250))
        {
            // An erased person is on the list by the keyed hash of their address only.
            var hashed = chunk.SelectMany(a => hasher.Candidates(channel, a).Select(h => (Hash: h, Address: a))).DistinctBy(h => h.Hash)
                .ToDictionary(h => h.Hash, h => h.Address, StringComparer.Ordinal);
            var wanted = chunk.Concat(hashed.Keys).ToList();
            foreach (var s in await db.Suppressions.AsNoTracking().Where(s => s.Channel == channel && wanted.Contains(s.Address)).ToListAsync(cancellationToken))
            {
                found[hashed.GetValueOrDefault(s.Address, s.Address)] = s.Reason;
            }
        }

        return found;
    }
}
