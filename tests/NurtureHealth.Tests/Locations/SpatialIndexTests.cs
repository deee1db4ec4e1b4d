using NurtureHealth.Locations;

namespace NurtureHealth.Tests.Locations;

public sealed class SpatialIndexTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2000)]
    public void TryNearest_RandomPointsAnywhereOnEarth_AgreesWithALinearHaversineScan(int count)
    {
        var random = new Random(count);
        var points = Enumerable.Range(0, count)
            .Select(i => (Point: new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180), Item: i))
            .ToList();
        var index = new SpatialIndex<int>(points);

        for (var q = 0; q < 500; q++)
        {
            var query = new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180);
            Assert.True(index.TryNearest(query, out var found, out var km));

            var expected = points.MinBy(p => Haversine(query, p.Point));
            Assert.Equal(expected.Item, found);
            Assert.InRange(km, Haversine(query, expected.Point) - 0.01, Haversine(query, expected.Point) + 0.01);
        }
    }

    [Fact]
    public void TryNearest_AcrossTheAntimeridian_FindsThePointOnTheOtherSide()
    {
        var index = new SpatialIndex<string>([(new GeoPoint(0, 179.9), "east"), (new GeoPoint(0, 170), "far-east")]);

        Assert.True(index.TryNearest(new GeoPoint(0, -179.9), out var found, out var km));

        Assert.Equal("east", found);
        Assert.InRange(km, 22, 23);
    }

    [Fact]
    public void TryNearest_EmptyIndex_FindsNothing()
    {
        Assert.False(new SpatialIndex<int>([]).TryNearest(new GeoPoint(41, -87), out _, out _));
    }

    // An independent great-circle formula (spherical law of cosines) so the test does not grade the product with itself.
    private static double Haversine(GeoPoint a, GeoPoint b)
    {
        double Rad(double d) => d * Math.PI / 180;
        var cos = (Math.Sin(Rad(a.Lat)) * Math.Sin(Rad(b.Lat))) + (Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Cos(Rad(b.Lon - a.Lon)));
        return 6371.0088 * Math.Acos(Math.Clamp(cos, -1, 1));
    }
}
