namespace NurtureHealth.Locations;

/// <summary>
/// Nearest-neighbour search on the sphere: a balanced k-d tree over unit vectors in 3-D. Straight-line
/// (chord) distance between unit vectors grows monotonically with great-circle distance, so the
/// nearest by chord is exactly the nearest by great circle — no projection error near poles or the
/// antimeridian. Equal distances go to the item that sorts first by the ordering given at build time.
/// </summary>
/// <typeparam name="T">What each point carries (a location).</typeparam>
internal sealed class SpatialIndex<T>
{
    private readonly double[] _coords; // x, y, z per node in tree order
    private readonly int[] _rank;      // position in the caller's order, for ties
    private readonly byte[] _axis;
    private readonly T[] _items;

    /// <param name="points">Points in tie-break order (the first wins an exact tie).</param>
    public SpatialIndex(IReadOnlyList<(GeoPoint Point, T Item)> points)
    {
        var n = points.Count;
        var nodes = new Node[n];
        for (var i = 0; i < n; i++)
        {
            var (x, y, z) = ToUnitVector(points[i].Point);
            nodes[i] = new Node(x, y, z, i);
        }

        _coords = new double[n * 3];
        _rank = new int[n];
        _axis = new byte[n];
        _items = new T[n];
        Build(nodes, 0, n, points);
    }

    public int Count => _items.Length;

    /// <summary>The nearest item to <paramref name="point"/> and its great-circle distance; false when empty.</summary>
    public bool TryNearest(GeoPoint point, out T item, out double distanceKm)
    {
        item = default!;
        distanceKm = double.PositiveInfinity;
        if (_items.Length == 0)
        {
            return false;
        }

        var (x, y, z) = ToUnitVector(point);
        var best = -1;
        var best2 = double.PositiveInfinity;
        Search(0, _items.Length, x, y, z, ref best, ref best2);
        item = _items[best];
        distanceKm = ChordSquaredToKm(best2);
        return true;
    }

    internal static (double X, double Y, double Z) ToUnitVector(GeoPoint p)
    {
        var lat = GeoPoint.DegreesToRadians(p.Lat);
        var lon = GeoPoint.DegreesToRadians(p.Lon);
        var cosLat = Math.Cos(lat);
        return (cosLat * Math.Cos(lon), cosLat * Math.Sin(lon), Math.Sin(lat));
    }

    internal static double ChordSquaredToKm(double chord2) =>
        2 * GeoPoint.EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(chord2) / 2));

    private void Search(int lo, int hi, double x, double y, double z, ref int best, ref double best2)
    {
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var o = mid * 3;
            double dx = x - _coords[o], dy = y - _coords[o + 1], dz = z - _coords[o + 2];
            var d2 = (dx * dx) + (dy * dy) + (dz * dz);
            if (d2 < best2 || (d2 == best2 && _rank[mid] < _rank[best]))
            {
                best = mid;
                best2 = d2;
            }

            var diff = _axis[mid] switch { 0 => dx, 1 => dy, _ => dz };
            int nearLo, nearHi, farLo, farHi;
            if (diff < 0)
            {
                (nearLo, nearHi, farLo, farHi) = (lo, mid, mid + 1, hi);
            }
            else
            {
                (nearLo, nearHi, farLo, farHi) = (mid + 1, hi, lo, mid);
            }

            Search(nearLo, nearHi, x, y, z, ref best, ref best2);
            if (diff * diff > best2)
            {
                return;
            }

            // Tail call on the far side; <= keeps exact ties reachable.
            lo = farLo;
            hi = farHi;
        }
    }

    private void Build(Node[] nodes, int lo, int hi, IReadOnlyList<(GeoPoint Point, T Item)> points)
    {
        if (lo >= hi)
        {
            return;
        }

        var axis = WidestAxis(nodes, lo, hi);
        var segment = nodes.AsSpan(lo, hi - lo);
        segment.Sort((a, b) => a[axis].CompareTo(b[axis]));
        var mid = (lo + hi) >>> 1;
        var node = nodes[mid];
        _coords[mid * 3] = node.X;
        _coords[(mid * 3) + 1] = node.Y;
        _coords[(mid * 3) + 2] = node.Z;
        _rank[mid] = node.Rank;
        _axis[mid] = (byte)axis;
        _items[mid] = points[node.Rank].Item;
        Build(nodes, lo, mid, points);
        Build(nodes, mid + 1, hi, points);
    }

    private static int WidestAxis(Node[] nodes, int lo, int hi)
    {
        Span<double> min = [double.MaxValue, double.MaxValue, double.MaxValue];
        Span<double> max = [double.MinValue, double.MinValue, double.MinValue];
        for (var i = lo; i < hi; i++)
        {
            for (var a = 0; a < 3; a++)
            {
                min[a] = Math.Min(min[a], nodes[i][a]);
                max[a] = Math.Max(max[a], nodes[i][a]);
            }
        }

        var spreadX = max[0] - min[0];
        var spreadY = max[1] - min[1];
        var spreadZ = max[2] - min[2];
        return spreadX >= spreadY && spreadX >= spreadZ ? 0 : spreadY >= spreadZ ? 1 : 2;
    }

    private readonly record struct Node(double X, double Y, double Z, int Rank)
    {
        public double this[int axis] => axis switch { 0 => X, 1 => Y, _ => Z };
    }
}
