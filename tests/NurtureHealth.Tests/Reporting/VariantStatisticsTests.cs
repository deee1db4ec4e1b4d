using NurtureHealth.Reporting;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Reporting;

/// <summary>A/B tests: the deterministic split, and the two-proportion test against values computed independently (Python's math.erfc, R's prop.test).</summary>
public sealed class VariantStatisticsTests
{
    [Theory]
    [InlineData(200, 1000, 250, 1000, 2.677397763008329, 0.007419649261025693, true)]
    [InlineData(30, 400, 45, 410, 1.706165436808541, 0.08797728192850611, false)]
    [InlineData(10, 100, 11, 100, 0.23066347738170107, 0.8175762492319705, false)]
    [InlineData(250, 1000, 200, 1000, -2.677397763008329, 0.007419649261025693, true)]
    public void TwoProportion_KnownValues(long a, long n, long b, long m, double z, double p, bool significant)
    {
        var test = VariantStatistics.TwoProportion(a, n, b, m);

        Assert.Equal(z, test.Z, 9);
        Assert.Equal(p, test.P, 9);
        Assert.Equal(significant, test.Significant);
        Assert.Equal(a / (double)n, test.RateA, 12);
    }

    [Fact]
    public void TwoProportion_NoTrialsOrNoVariation_IsNotSignificant()
    {
        Assert.Equal(1, VariantStatistics.TwoProportion(0, 0, 5, 10).P);
        Assert.Equal(1, VariantStatistics.TwoProportion(0, 10, 0, 10).P);
    }

    [Theory]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(3, 0.9986501019683699)]
    [InlineData(-3, 0.0013498980316301035)]
    [InlineData(6, 0.9999999990134123)]
    [InlineData(0, 0.5)]
    public void NormalCdf_MatchesErfc(double x, double expected) => Assert.Equal(expected, VariantStatistics.NormalCdf(x), 12);

    [Fact]
    public void Pick_TenThousandContacts_SplitsCloseToTheWeightsAndAlwaysTheSameWay()
    {
        IReadOnlyList<StepVariant> variants =
        [
            new("a", 70, "book", Channel.Email, TimeSpan.Zero),
            new("b", 30, "book-short", Channel.Email, TimeSpan.Zero),
            new("retired", 0, "book-old", Channel.Email, TimeSpan.Zero),
        ];

        var picks = Enumerable.Range(1, 10_000).Select(id => VariantPicker.Pick(id, "skin-guide", "book", variants)!.Id).ToList();

        Assert.InRange(picks.Count(p => p == "a"), 6_800, 7_200);
        Assert.InRange(picks.Count(p => p == "b"), 2_800, 3_200);
        Assert.DoesNotContain("retired", picks);
        Assert.Equal(picks, Enumerable.Range(1, 10_000).Select(id => VariantPicker.Pick(id, "skin-guide", "book", variants)!.Id));

        // Another step splits independently of this one.
        var other = Enumerable.Range(1, 10_000).Select(id => VariantPicker.Pick(id, "skin-guide", "ready", variants)!.Id).ToList();
        Assert.InRange(picks.Zip(other).Count(x => x.First == "b" && x.Second == "b"), 700, 1_100); // ≈ 0.3 × 0.3 × 10,000
        Assert.Null(VariantPicker.Pick(1, "s", "t", [new("x", 0, "t", Channel.Email, TimeSpan.Zero)]));
    }
}
