namespace NurtureHealth.Reporting;

/// <summary>A variant compared with the step's first variant, on one rate.</summary>
public sealed record VariantComparison(string Sequence, string Step, string Metric, string Baseline, string Variant, int BaselineSent, int VariantSent,
    double BaselineRate, double VariantRate, double Z, double P, bool Significant);
