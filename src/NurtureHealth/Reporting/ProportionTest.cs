namespace NurtureHealth.Reporting;

/// <summary>The outcome of comparing two variants' rates.</summary>
/// <param name="RateA">Successes / trials of the first variant.</param>
/// <param name="RateB">Successes / trials of the second.</param>
/// <param name="Z">The z statistic (positive when B's rate is higher).</param>
/// <param name="P">The two-sided p-value.</param>
/// <param name="Significant">True when <see cref="P"/> is below the level asked for.</param>
public sealed record ProportionTest(double RateA, double RateB, double Z, double P, bool Significant);
