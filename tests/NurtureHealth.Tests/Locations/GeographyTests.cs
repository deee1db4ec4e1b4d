using NurtureHealth.Locations;

namespace NurtureHealth.Tests.Locations;

public sealed class GeographyTests
{
    [Fact]
    public void ZipCentroids_Census2021_HoldsEveryZcta()
    {
        Assert.Equal(33_791, ZipCentroids.Census2021.Count);
    }

    [Theory]
    [InlineData("60614", 41.92, -87.65)]
    [InlineData("85031", 33.49, -112.17)]
    [InlineData("46220", 39.87, -86.11)]
    [InlineData("00601", 18.18, -66.75)]
    public void ZipCentroids_KnownZip_IsWhereTheCensusPutsIt(string zip, double lat, double lon)
    {
        Assert.True(ZipCentroids.Census2021.TryFind(zip, out var point));
        Assert.InRange(point.Lat, lat - 0.02, lat + 0.02);
        Assert.InRange(point.Lon, lon - 0.02, lon + 0.02);
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("6061")]
    [InlineData("60614-12")]
    [InlineData("ABCDE")]
    [InlineData(null)]
    public void ZipCentroids_UnknownOrMalformedZip_IsNotFound(string? zip)
    {
        Assert.False(ZipCentroids.Census2021.TryFind(zip, out _));
    }

    [Fact]
    public void DistanceKmTo_ChicagoToIndianapolis_IsAbout265Km()
    {
        var chicago = new GeoPoint(41.8781, -87.6298);
        var indianapolis = new GeoPoint(39.7684, -86.1581);

        Assert.InRange(chicago.DistanceKmTo(indianapolis), 262, 268);
    }

    [Theory]
    [InlineData("es", "es")]
    [InlineData("ES_mx", "es-MX")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("es-419", "es-419")]
    public void LanguageTag_TryNormalize_CanonicalisesCase(string input, string expected)
    {
        Assert.True(LanguageTag.TryNormalize(input, out var tag));
        Assert.Equal(expected, tag);
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("e")]
    [InlineData("es-MX-x-y")]
    [InlineData("")]
    public void LanguageTag_TryNormalize_RefusesWhatIsNotATag(string input)
    {
        Assert.False(LanguageTag.TryNormalize(input, out _));
    }

    [Fact]
    public void OpeningHours_SplitDayAndClosedDay_AreRead()
    {
        var hours = OpeningHours.Parse(new Dictionary<string, string> { ["tue"] = "08:00-12:00, 13:00-17:30", ["sun"] = "closed" });

        Assert.Equal(2, hours.On(DayOfWeek.Tuesday).Count);
        Assert.Empty(hours.On(DayOfWeek.Sunday));
        Assert.Empty(hours.On(DayOfWeek.Monday));
    }

    [Fact]
    public void OpeningHours_SpanEndingBeforeItStarts_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => OpeningHours.Parse(new Dictionary<string, string> { ["fri"] = "17:00-08:00" }));

        Assert.Equal("hours.fri: '17:00-08:00' ends before it starts", error.Message);
    }
}
