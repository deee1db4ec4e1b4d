namespace NurtureHealth.Locations.Sync;

/// <summary>Hands out provider ids unique across the whole group: a slug of the name, then -2, -3… when it is taken.</summary>
internal sealed class ProviderIds(IEnumerable<string> taken)
{
    private readonly HashSet<string> _taken = new(taken, StringComparer.Ordinal);

    public string Allocate(string name)
    {
        var slug = LocationSyncPlanner.Slug(name);
        slug = slug.Length == 0 ? "provider" : slug;
        var id = slug;
        for (var n = 2; !_taken.Add(id); n++)
        {
            id = $"{slug}-{n}";
        }

        return id;
    }
}
