using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace NurtureHealth.Manage;

/// <summary>
/// How often one person may ask for a live preview: each one copies the content and runs the whole check (about 0.1 s on
/// the samples, docs/performance.md), so a burst of 20 and then 4 a second — far above typing with the page's 400 ms
/// pause — and a script hammering the handler gets 429 instead of the server's cores.
/// </summary>
public sealed class PreviewLimiter : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _people = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="person"/> may have one more preview now.</summary>
    public bool TryTake(string person)
    {
        using var lease = _people.GetOrAdd(person, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 20,
            TokensPerPeriod = 4,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        })).AttemptAcquire();
        return lease.IsAcquired;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var limiter in _people.Values)
        {
            limiter.Dispose();
        }
    }
}
