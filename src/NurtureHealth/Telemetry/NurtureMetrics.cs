using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace NurtureHealth.Telemetry;

/// <summary>
/// The <c>NurtureHealth</c> Meter: what an operator puts on a dashboard. Tags are channel, location id, sequence id,
/// outcome and rejection reason codes — ids and codes only, never personal data. A host exports it with OpenTelemetry
/// (<c>AddMeter("NurtureHealth")</c>); without a listener every call is a no-op.
/// </summary>
public sealed class NurtureMetrics
{
    /// <summary>The Meter's and the ActivitySource's name.</summary>
    public const string Name = "NurtureHealth";

    /// <summary>Spans for import, dispatch batch, send and FHIR calls, carrying ids only.</summary>
    public static readonly ActivitySource Activities = new(Name);

    private readonly Counter<long> _touches;
    private readonly Counter<long> _leads;
    private readonly Histogram<double> _lag;
    private readonly Histogram<double> _sendDuration;

    /// <summary>Creates the instruments on the host's Meter; the gauges read <paramref name="gauges"/> when collected.</summary>
    public NurtureMetrics(IMeterFactory meters, IMetricGauges gauges)
    {
        var meter = meters.Create(Name);
        _touches = meter.CreateCounter<long>("nurture.touches", "{touch}",
            "Touches decided by planning and dispatch, by outcome (sent, failed, skipped, deferred, cancelled, retried, uncertain), channel, location and sequence");
        _leads = meter.CreateCounter<long>("nurture.leads", "{lead}", "Lead records imported, by outcome (accepted, rejected) and, for rejections, reason");
        _lag = meter.CreateHistogram("nurture.touch.lag", "s", "From a touch's due instant to its send, by channel", [],
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600] });
        _sendDuration = meter.CreateHistogram("nurture.send.duration", "s", "How long one send to SMTP or Twilio took, by channel and outcome", [],
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        meter.CreateObservableGauge("nurture.touches.due", gauges.Due, "{touch}", "Touches due now and not yet sent (the backlog)");
        meter.CreateObservableGauge("nurture.touches.uncertain", gauges.Uncertain, "{touch}", "Touches that may or may not have gone (never sent again)");
        meter.CreateObservableGauge("nurture.fhir.write_backs.pending", gauges.PendingWriteBacks, "{write-back}", "FHIR write-backs waiting to be written");
    }

    /// <summary>One touch settled (or put off) by dispatch.</summary>
    public void Touch(string outcome, string? channel, string location, string sequence) =>
        _touches.Add(1, new TagList { { "outcome", outcome }, { "channel", channel ?? "none" }, { "location", location }, { "sequence", sequence } });

    /// <summary>Leads stored by one import batch: accepted, and rejected by reason code.</summary>
    public void Leads(int accepted, IEnumerable<string> rejectedReasons)
    {
        if (accepted > 0)
        {
            _leads.Add(accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
        }

        foreach (var reason in rejectedReasons.GroupBy(r => r))
        {
            _leads.Add(reason.Count(), new KeyValuePair<string, object?>("outcome", "rejected"), new KeyValuePair<string, object?>("reason", reason.Key));
        }
    }

    /// <summary>One send: its duration and outcome; and, when it went, how late after its due instant.</summary>
    public void Sent(string channel, string outcome, TimeSpan duration, TimeSpan? lateBy)
    {
        _sendDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));
        if (lateBy is { } lag)
        {
            _lag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("channel", channel));
        }
    }
}

/// <summary>What the Meter's gauges read from the database when they are collected.</summary>
public interface IMetricGauges
{
    /// <summary>Touches due now and not yet sent.</summary>
    long Due();

    /// <summary>Uncertain touches.</summary>
    long Uncertain();

    /// <summary>FHIR write-backs waiting.</summary>
    long PendingWriteBacks();
}
