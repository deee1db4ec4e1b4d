namespace NurtureHealth.Reporting;

/// <summary>
/// The two-proportion z-test (pooled, no continuity correction — the same as R's <c>prop.test(correct = FALSE)</c>):
/// is the difference between two variants' click or booking rates more than chance?
/// </summary>
public static class VariantStatistics
{
    /// <summary>Compares <paramref name="successesA"/>/<paramref name="trialsA"/> with <paramref name="successesB"/>/<paramref name="trialsB"/>.</summary>
    public static ProportionTest TwoProportion(long successesA, long trialsA, long successesB, long trialsB, double level = 0.05)
    {
        if (trialsA <= 0 || trialsB <= 0)
        {
            return new ProportionTest(Rate(successesA, trialsA), Rate(successesB, trialsB), 0, 1, false);
        }

        var (a, b) = (successesA / (double)trialsA, successesB / (double)trialsB);
        var pooled = (successesA + successesB) / (double)(trialsA + trialsB);
        var se = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / trialsA) + (1.0 / trialsB)));
        if (se == 0)
        {
            return new ProportionTest(a, b, 0, 1, false);
        }

        var z = (b - a) / se;
        var p = 2 * (1 - NormalCdf(Math.Abs(z)));
        return new ProportionTest(a, b, z, p, p < level);
    }

    /// <summary>The standard normal distribution function, from the complementary error function (accurate to about 1e-14).</summary>
    public static double NormalCdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double Rate(long successes, long trials) => trials <= 0 ? 0 : successes / (double)trials;

    // erfc by its continued fraction for large |x| and its series for small |x| (W. J. Cody's split).
    private static double Erfc(double x)
    {
        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        if (x < 2)
        {
            // erf series: 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1))
            double sum = x, term = x;
            for (var n = 1; n < 100; n++)
            {
                term *= -x * x / n;
                var add = term / ((2 * n) + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
                {
                    break;
                }
            }

            return 1 - (2 / Math.Sqrt(Math.PI) * sum);
        }

        // Continued fraction (Lentz): erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
        const double tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var i = 1; i < 300; i++)
        {
            var an = i / 2.0;
            d = x + (an * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + (an / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
