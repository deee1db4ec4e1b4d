using NurtureHealth.Locations;

namespace NurtureHealth.Tests.Locations;

public sealed class LocationResolverTests
{
    private static readonly LocationResolver Shipped = Some.Resolver(Some.ShippedGroup);

    [Fact]
    public void Resolve_LeadInZip60614_PicksLincolnParkDermatology()
    {
        var result = Shipped.Resolve(Some.Placement(zip: "60614"));

        Assert.Equal(ResolutionStatus.Resolved, result.Status);
        Assert.Equal("chicago-lincoln-park", result.Location!.Id);
        Assert.Contains(result.Provider!.Id, new[] { "ana-ruiz", "daniel-okafor" });
        Assert.InRange(result.DistanceKm!.Value, 0, 2);
    }

    [Fact]
    public void Resolve_SpanishSpeakerInMaryvaleZip_GetsMaryvaleAndSpanishSpeakingDermatologist()
    {
        var result = Shipped.Resolve(Some.Placement(zip: "85031", language: "es"));

        Assert.Equal("phoenix-maryvale", result.Location!.Id);
        Assert.Equal("miguel-santos", result.Provider!.Id);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void Resolve_SpanishSpeakerAtLincolnPark_GetsTheOnlySpanishSpeakingDermatologist()
    {
        for (var i = 0; i < 50; i++)
        {
            var result = Shipped.Resolve(Some.Placement(zip: "60614", language: "es-MX", key: $"p{i}@example.com"));
            Assert.Equal("ana-ruiz", result.Provider!.Id);
        }
    }

    [Fact]
    public void Resolve_LeadInHammondIndiana_CrossesTheStateLineToHydePark()
    {
        var result = Shipped.Resolve(Some.Placement(zip: "46320"));

        Assert.Equal("chicago-hyde-park", result.Location!.Id);
    }

    [Fact]
    public void Resolve_ClearAlignersNearLincolnPark_SkipsLocationsNotOfferingIt()
    {
        var result = Shipped.Resolve(Some.Placement("clear-aligners", zip: "60614"));

        Assert.Equal("chicago-the-loop", result.Location!.Id);
        Assert.Equal("ethan-brooks", result.Provider!.Id);
    }

    [Fact]
    public void Resolve_DentalImplantsInOakPark_NeverPicksTheInactiveOakParkLocation()
    {
        var result = Shipped.Resolve(Some.Placement("dental-implants", zip: "60302"));

        Assert.Equal(ResolutionStatus.Resolved, result.Status);
        Assert.NotEqual("oak-park", result.Location!.Id);
        Assert.Equal(Shipped.NearestByScan("dental-implants", ZipPoint("60302")).Location!.Id, result.Location.Id);
    }

    [Fact]
    public void Resolve_CoordinatesGiven_WinOverThePostalCode()
    {
        var result = Shipped.Resolve(Some.Placement(lat: 33.4249, lon: -111.9400, zip: "60614"));

        Assert.Equal("tempe-downtown", result.Location!.Id);
    }

    [Fact]
    public void Resolve_ZipPlusFour_UsesTheFiveDigitCentroid()
    {
        Assert.Equal("chicago-lincoln-park", Shipped.Resolve(Some.Placement(zip: "60614-1234")).Location!.Id);
    }

    [Fact]
    public void Resolve_UnknownZip_IsUnresolvedWithItsReason()
    {
        var result = Shipped.Resolve(Some.Placement(zip: "99999"));

        Assert.Equal(ResolutionStatus.Unresolved, result.Status);
        Assert.Equal(UnresolvedReason.UnknownZip, result.Unresolved);
        Assert.Equal("unknown-zip", result.ReasonCode);
        Assert.Contains("not a US ZIP in the 2021 Census ZCTA list", result.Reason);
        Assert.Null(result.Location);
    }

    [Fact]
    public void Resolve_NoPositionAtAll_IsUnresolvedNeverGuessed()
    {
        var result = Shipped.Resolve(Some.Placement());

        Assert.Equal(UnresolvedReason.NoPosition, result.Unresolved);
        Assert.Equal("no position: the lead has neither coordinates nor a postal code", result.Reason);
    }

    [Fact]
    public void Resolve_ManhattanLead_IsBeyondTheMaximumDistance()
    {
        var result = Shipped.Resolve(Some.Placement(zip: "10001"));

        Assert.Equal(UnresolvedReason.BeyondMaxDistance, result.Unresolved);
        Assert.Matches(@"^nearest location offering dermatology is [a-z-]+ at \d+\.\d km, beyond the 80 km limit$", result.Reason);
    }

    [Fact]
    public void Resolve_MaximumDistance_IsConfigurable()
    {
        var group = Some.Group(Some.Location("only", 41.0, -87.0));
        var ninetyKmAway = new GeoPoint(41.0 + (90 / 111.2), -87.0);

        Assert.Equal(ResolutionStatus.Unresolved, Some.Resolver(group, maxKm: 80).Resolve(Some.Placement(lat: ninetyKmAway.Lat, lon: ninetyKmAway.Lon)).Status);
        Assert.Equal("only", Some.Resolver(group, maxKm: 100).Resolve(Some.Placement(lat: ninetyKmAway.Lat, lon: ninetyKmAway.Lon)).Location!.Id);
    }

    [Fact]
    public void Resolve_TwoLocationsAtExactlyTheSameDistance_PicksTheLowerIdWhateverTheOrder()
    {
        var east = Some.Location("b-east", 0, 1);
        var west = Some.Location("a-west", 0, -1);

        Assert.Equal("a-west", Some.Resolver(Some.Group(east, west), 500).Resolve(Some.Placement(lat: 0, lon: 0)).Location!.Id);
        Assert.Equal("a-west", Some.Resolver(Some.Group(west, east), 500).Resolve(Some.Placement(lat: 0, lon: 0)).Location!.Id);
    }

    [Fact]
    public void Resolve_PreferredLocationThatQualifies_WinsOverANearerOne()
    {
        var near = Some.Location("near", 41.90, -87.65);
        var far = Some.Location("far", 41.60, -87.65);

        var result = Some.Resolver(Some.Group(near, far)).Resolve(Some.Placement(lat: 41.90, lon: -87.65, preferred: "far"));

        Assert.Equal("far", result.Location!.Id);
        Assert.InRange(result.DistanceKm!.Value, 33, 34);
        Assert.Equal("preferred location", result.Reason);
    }

    [Fact]
    public void Resolve_PreferredLocationInactive_FallsBackToNearestAndSaysWhy()
    {
        var near = Some.Location("near", 41.90, -87.65);
        var closed = Some.Location("closed", 41.60, -87.65, active: false);

        var result = Some.Resolver(Some.Group(near, closed)).Resolve(Some.Placement(lat: 41.60, lon: -87.65, preferred: "closed"));

        Assert.Equal("near", result.Location!.Id);
        Assert.Equal("preferred location 'closed' is inactive; nearest used", result.Reason);
    }

    [Fact]
    public void Resolve_PreferredLocationNotOfferingTheServiceLine_FallsBackToNearest()
    {
        var derm = Some.Location("derm", 41.90, -87.65);
        var dental = Some.Location("dental", 41.91, -87.65, ["dental-implants"]);

        var result = Some.Resolver(Some.Group(derm, dental)).Resolve(Some.Placement(lat: 41.91, lon: -87.65, preferred: "dental"));

        Assert.Equal("derm", result.Location!.Id);
        Assert.Equal("preferred location 'dental' does not offer dermatology; nearest used", result.Reason);
    }

    [Fact]
    public void Resolve_ServiceLineNoActiveLocationOffers_IsUnresolved()
    {
        var group = Some.Group(Some.Location("derm", 41.9, -87.6), Some.Location("closed-aligners", 41.9, -87.6, ["clear-aligners"], active: false));

        var result = Some.Resolver(group).Resolve(Some.Placement("clear-aligners", lat: 41.9, lon: -87.6));

        Assert.Equal(UnresolvedReason.ServiceLineNotOffered, result.Unresolved);
        Assert.Equal("no active location offers clear-aligners", result.Reason);
    }

    [Fact]
    public void Resolve_NoProviderAcceptingNewPatients_StillResolvesAndSaysSo()
    {
        var location = Some.Location("full", 41.9, -87.6, null, true, Some.Provider("busy", accepting: false));

        var result = Some.Resolver(Some.Group(location)).Resolve(Some.Placement(lat: 41.9, lon: -87.6));

        Assert.Equal(ResolutionStatus.Resolved, result.Status);
        Assert.Equal("full", result.Location!.Id);
        Assert.Null(result.Provider);
        Assert.Equal("no dermatology provider at full is accepting new patients", result.Reason);
    }

    [Fact]
    public void Resolve_NoProviderWithTheSpecialty_StillResolvesAndSaysSo()
    {
        var location = Some.Location("derm", 41.9, -87.6, null, true, Some.Provider("dentist", "prosthodontics"));

        var result = Some.Resolver(Some.Group(location)).Resolve(Some.Placement(lat: 41.9, lon: -87.6));

        Assert.Null(result.Provider);
        Assert.Equal("no provider at derm serves dermatology", result.Reason);
    }

    [Fact]
    public void Resolve_ProviderNotAcceptingNewPatients_IsNeverChosen()
    {
        var location = Some.Location("loc", 41.9, -87.6, null, true,
            Some.Provider("closed-book", languages: ["es"], accepting: false), Some.Provider("open-book", languages: ["en"]));

        for (var i = 0; i < 100; i++)
        {
            var result = Some.Resolver(Some.Group(location)).Resolve(Some.Placement(lat: 41.9, lon: -87.6, language: "es", key: $"k{i}"));
            Assert.Equal("open-book", result.Provider!.Id);
            Assert.Equal("no accepting dermatology provider at loc speaks 'es'", result.Reason);
        }
    }

    [Fact]
    public void Resolve_EquallyEligibleProviders_SpreadsLeadsEvenlyAndStably()
    {
        var location = Some.Location("loc", 41.9, -87.6, null, true, Some.Provider("p1"), Some.Provider("p2"), Some.Provider("p3"));
        var resolver = Some.Resolver(Some.Group(location));

        var counts = Enumerable.Range(0, 3000)
            .Select(i => resolver.Resolve(Some.Placement(lat: 41.9, lon: -87.6, key: $"patient{i}@example.com")).Provider!.Id)
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(3, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 850, 1150));
        Assert.Equal(
            resolver.Resolve(Some.Placement(lat: 41.9, lon: -87.6, key: "same@example.com")).Provider!.Id,
            resolver.Resolve(Some.Placement(lat: 41.9, lon: -87.6, key: "same@example.com")).Provider!.Id);
    }

    [Fact]
    public void Resolve_ThousandRandomPositionsAcrossTheThreeMetros_MatchesABruteForceScan()
    {
        var random = new Random(42);
        var metros = new[] { (41.88, -87.66, 0.6), (33.48, -112.03, 0.6), (39.80, -86.15, 0.6) };
        var lines = Shipped.Group.ServiceLines.Keys.ToArray();
        for (var i = 0; i < 1000; i++)
        {
            var (lat, lon, spread) = metros[i % 3];
            var point = new GeoPoint(lat + ((random.NextDouble() * 2) - 1) * spread, lon + ((random.NextDouble() * 2) - 1) * spread);
            var line = lines[random.Next(lines.Length)];

            var result = Shipped.Resolve(Some.Placement(line, lat: point.Lat, lon: point.Lon));
            var (expected, km) = Shipped.NearestByScan(line, point);

            if (km <= 80)
            {
                Assert.Equal(expected!.Id, result.Location?.Id);
                Assert.Equal(Math.Round(km, 2), result.DistanceKm);
            }
            else
            {
                Assert.Equal(UnresolvedReason.BeyondMaxDistance, result.Unresolved);
            }
        }
    }

    private static GeoPoint ZipPoint(string zip) => ZipCentroids.Census2021.TryFind(zip, out var p) ? p : throw new ArgumentException(zip);
}
