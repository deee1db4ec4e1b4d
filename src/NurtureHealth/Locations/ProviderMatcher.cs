using System.Text;

namespace NurtureHealth.Locations;

/// <summary>
/// Picks a provider at a location: serves the service line, accepts new patients, speaks the lead's
/// language where any eligible provider does. Among equals it spreads leads evenly and stably with
/// rendezvous hashing on the person's key: the same person always gets the same provider, and adding
/// or removing a provider moves only that provider's share.
/// </summary>
internal static class ProviderMatcher
{
    public static (Provider? Provider, string? Note) Match(Location location, ServiceLine line, string language, string matchKey)
    {
        Provider? best = null;
        ulong bestScore = 0;
        var anyServes = false;
        var bestSpeaks = false;
        var keyHash = Fnv1a(matchKey);
        foreach (var provider in location.Providers)
        {
            if (!line.IsServedBy(provider))
            {
                continue;
            }

            anyServes = true;
            if (!provider.AcceptingNewPatients)
            {
                continue;
            }

            var speaks = provider.Speaks(language);
            var score = Mix(keyHash ^ Fnv1a(provider.Id));
            var better = best is null
                || (speaks && !bestSpeaks)
                || (speaks == bestSpeaks && (score > bestScore || (score == bestScore && string.CompareOrdinal(provider.Id, best.Id) < 0)));
            if (better)
            {
                best = provider;
                bestScore = score;
                bestSpeaks = speaks;
            }
        }

        if (best is null)
        {
            return (null, anyServes
                ? $"no {line.Id} provider at {location.Id} is accepting new patients"
                : $"no provider at {location.Id} serves {line.Id}");
        }

        return (best, bestSpeaks ? null : $"no accepting {line.Id} provider at {location.Id} speaks '{LanguageTag.Primary(language)}'");
    }

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = text.Length <= 64 ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    // MurmurHash3 fmix64: FNV alone clusters similar keys (web-000123, web-000124).
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }
}
