using System.Collections.Concurrent;
using System.Diagnostics;
using NurtureHealth.Cycle;
using NurtureHealth.Leads;
using NurtureHealth.Sequences;
using NurtureHealth.Telemetry;

namespace NurtureHealth.Tests.Telemetry;

/// <summary>The <c>NurtureHealth</c> ActivitySource: import, dispatch batch and send each make a span, carrying ids and codes only.</summary>
public sealed class SpanTests : IDisposable
{
    private readonly NurtureServices _services = new();
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;

    public SpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == NurtureMetrics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task ImportAndDispatch_MakeSpans_WithIdsAndNoPersonalData()
    {
        var report = _services.Get<LeadImporter>().ImportFile(_services.Folder.Write("leads.ndjson",
            """{"id":"span-1","submitted_at":"2026-11-20T15:04:05Z","source":"guide-download","service_line":"dermatology","interest":"rosacea","first_name":"Imogen","email":"imogen.span@example.com","postal_code":"60614","language":"en","consent":{"email":true}}"""));
        await _services.Get<Enroller>().EnrollPendingAsync();
        await _services.Get<NurtureCycle>().SendDueAsync();

        var mine = _spans.ToList();
        // Other tests in this process may trace too (each with its own database, so ids repeat): look for ours, not only ours.
        Assert.Contains(mine, s => s.OperationName == "import" && Equals(s.GetTagItem("nurture.import.id"), report.ImportId));
        Assert.Contains(mine, s => s.OperationName == "dispatch batch" && s.GetTagItem("nurture.batch.size") is int size && size >= 1);
        Assert.Contains(mine, s => s.OperationName == "send" && Equals(s.GetTagItem("nurture.channel"), "email") && Equals(s.GetTagItem("nurture.outcome"), "sent")
                                   && s.GetTagItem("nurture.touch.id") is long);
        foreach (var (key, value) in mine.SelectMany(s => s.TagObjects))
        {
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            Assert.False(text.Contains('@') || text.Contains("Imogen", StringComparison.OrdinalIgnoreCase) || text.Contains("rosacea", StringComparison.OrdinalIgnoreCase),
                $"span tag {key} carries personal data: {text}");
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
