using System.Globalization;

namespace NurtureHealth.Locations;

/// <summary>
/// Places a lead at the nearest active location that offers its service line (great-circle distance,
/// from coordinates or a US ZIP centroid), or at its preferred location when that one qualifies, and
/// matches a provider there. Beyond the maximum distance, or with no position, the lead is unresolved
/// with its reason — never guessed.
/// </summary>
/// <remarks>Thread-safe and immutable: build one per loaded <see cref="ClinicGroup"/>.</remarks>
public sealed class LocationResolver
{
    private readonly ClinicGroup _group;
    private readonly ZipCentroids _zips;
    private readonly double _maxDistanceKm;
    private readonly Dictionary<string, SpatialIndex<Location>> _indexByLine;

    /// <summary>Builds one spatial index per service line over the active locations that offer it.</summary>
    public LocationResolver(ClinicGroup group, ZipCentroids zips, ResolutionOptions options)
    {
        _group = group;
        _zips = zips;
        _maxDistanceKm = options.MaxDistanceKm;
        _indexByLine = group.ServiceLines.Keys.ToDictionary(
            line => line,
            line => new SpatialIndex<Location>(group.Locations
                .Where(l => l.Active && l.Offers(line))
                .OrderBy(l => l.Id, StringComparer.Ordinal)
                .Select(l => (l.Position, l))
                .ToList()),
            StringComparer.Ordinal);
    }

    /// <summary>The group this resolver places leads in.</summary>
    public ClinicGroup Group => _group;

    /// <summary>Places one lead.</summary>
    public Resolution Resolve(PlacementRequest request)
    {
        if (!_group.ServiceLines.TryGetValue(request.ServiceLine, out var line) || !_indexByLine.TryGetValue(line.Id, out var index))
        {
            return Resolution.NotPlaced(UnresolvedReason.ServiceLineNotOffered, $"'{request.ServiceLine}' is not a service line of the group");
        }

        var preferredNote = (string?)null;
        if (request.PreferredLocation is { } preferredId)
        {
            var preferred = _group.Find(preferredId);
            if (preferred is not null && preferred.Active && preferred.Offers(line.Id))
            {
                var distance = TryPosition(request, out var from, out _) ? from.DistanceKmTo(preferred.Position) : (double?)null;
                return Place(preferred, line, distance, request, "preferred location");
            }

            preferredNote = preferred is null ? $"preferred location '{preferredId}' is not a location of the group; nearest used"
                : !preferred.Active ? $"preferred location '{preferredId}' is inactive; nearest used"
                : $"preferred location '{preferredId}' does not offer {line.Id}; nearest used";
        }

        if (!TryPosition(request, out var position, out var unresolved))
        {
            return unresolved!;
        }

        if (!index.TryNearest(position, out var nearest, out var km))
        {
            return Resolution.NotPlaced(UnresolvedReason.ServiceLineNotOffered, $"no active location offers {line.Id}");
        }

        if (km > _maxDistanceKm)
        {
            return Resolution.NotPlaced(UnresolvedReason.BeyondMaxDistance, string.Create(CultureInfo.InvariantCulture,
                $"nearest location offering {line.Id} is {nearest.Id} at {km:0.0} km, beyond the {_maxDistanceKm:0.#} km limit"));
        }

        return Place(nearest, line, km, request, preferredNote);
    }

    /// <summary>
    /// The nearest qualifying location by a linear great-circle scan over every location, with the same
    /// tie rule (lowest id) as the index. The reference the index is tested and benchmarked against.
    /// </summary>
    public (Location? Location, double DistanceKm) NearestByScan(string serviceLine, GeoPoint point)
    {
        Location? best = null;
        var bestKm = double.PositiveInfinity;
        foreach (var location in _group.Locations)
        {
            if (!location.Active || !location.Offers(serviceLine))
            {
                continue;
            }

            var km = point.DistanceKmTo(location.Position);
            if (km < bestKm || (km == bestKm && string.CompareOrdinal(location.Id, best!.Id) < 0))
            {
                best = location;
                bestKm = km;
            }
        }

        return (best, bestKm);
    }

    private bool TryPosition(PlacementRequest request, out GeoPoint position, out Resolution? unresolved)
    {
        unresolved = null;
        if (request.Position is { } given)
        {
            position = given;
            return true;
        }

        if (request.PostalCode is null)
        {
            position = default;
            unresolved = Resolution.NotPlaced(UnresolvedReason.NoPosition, "no position: the lead has neither coordinates nor a postal code");
            return false;
        }

        if (_zips.TryFind(request.PostalCode, out position))
        {
            return true;
        }

        unresolved = Resolution.NotPlaced(UnresolvedReason.UnknownZip, "the postal code is not a US ZIP in the 2021 Census ZCTA list, so it has no known position");
        return false;
    }

    private static Resolution Place(Location location, ServiceLine line, double? km, PlacementRequest request, string? note)
    {
        var (provider, providerNote) = ProviderMatcher.Match(location, line, request.Language, request.MatchKey);
        var reason = (note, providerNote) switch
        {
            (null, null) => null,
            (null, _) => providerNote,
            (_, null) => note,
            _ => $"{note}; {providerNote}",
        };
        return new Resolution(ResolutionStatus.Resolved, location, provider, km is null ? null : Math.Round(km.Value, 2), null, reason);
    }
}
