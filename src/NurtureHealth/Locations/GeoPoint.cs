namespace NurtureHealth.Locations;

/// <summary>A position on the earth in decimal degrees (WGS 84).</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    /// <summary>Mean earth radius in kilometres (IUGG), used for every great-circle distance.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>True when both coordinates are finite and inside their ranges.</summary>
    public bool IsValid => double.IsFinite(Lat) && double.IsFinite(Lon) && Lat is >= -90 and <= 90 && Lon is >= -180 and <= 180;

    /// <summary>Great-circle (haversine) distance in kilometres.</summary>
    public double DistanceKmTo(GeoPoint other)
    {
        var lat1 = DegreesToRadians(Lat);
        var lat2 = DegreesToRadians(other.Lat);
        var dLat = lat2 - lat1;
        var dLon = DegreesToRadians(other.Lon - Lon);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    internal static double DegreesToRadians(double degrees) => degrees * (Math.PI / 180.0);
}
