using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NurtureHealth.IntegrationTests.Servers;

namespace NurtureHealth.IntegrationTests;

/// <summary>The <c>NurtureHealth</c> Meter as Prometheus scrapes it from a real <c>nurture run</c>: every counter agrees with the database.</summary>
public sealed class MetricsTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Metrics_AfterLeadsAreImportedAndSent_CountWhatTheDatabaseHolds()
    {
        using var clinic = new MiddayClinic();
        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string> { ["Nurture__Telemetry__Prometheus"] = "true" });
        var leads = new StringBuilder();
        for (var i = 0; i < 24; i++)
        {
            leads.Append(DeliveryTests.Lead($"metrics-{i}", email: $"patient{i}@example.com", phone: null, source: "guide-download"));
        }

        leads.Append(DeliveryTests.Lead("metrics-bad-email", email: "not-an-address", phone: null, source: "guide-download"));
        leads.Append(DeliveryTests.Lead("metrics-no-way", email: null, phone: null, source: "guide-download"));
        leads.Append("{ this is not json\n");
        worker.Drop("metrics.ndjson", leads.ToString());

        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'sent'") >= 24
                                                                  && worker.Scalar("SELECT COUNT(*) FROM touches WHERE status IN ('claimed', 'sending')") == 0), TimeSpan.FromSeconds(90)),
            "the first messages were not all sent\n" + worker.Log);
        var metrics = await Http.GetStringAsync($"{worker.BaseUrl}/metrics");

        foreach (var status in new[] { "sent", "failed", "skipped", "uncertain" })
        {
            Assert.Equal((status, worker.Scalar($"SELECT COUNT(*) FROM touches WHERE status = '{status}'")), (status, Sum(metrics, "nurture_touches_total", $"outcome=\"{status}\"")));
        }

        Assert.Equal(24, Sum(metrics, "nurture_touches_total", "outcome=\"sent\"", "channel=\"email\"", "location=\"chicago-lincoln-park\""));
        Assert.Equal(worker.Scalar("SELECT COUNT(*) FROM leads"), Sum(metrics, "nurture_leads_total", "outcome=\"accepted\""));
        Assert.Equal(worker.Scalar("SELECT COUNT(*) FROM rejected_leads"), Sum(metrics, "nurture_leads_total", "outcome=\"rejected\""));
        Assert.Equal(3, worker.Scalar("SELECT COUNT(*) FROM rejected_leads"));
        foreach (var reason in new[] { "invalid-email", "no-contact", "malformed-record" })
        {
            Assert.Equal(worker.Scalar($"SELECT COUNT(*) FROM rejected_leads WHERE code = '{reason}'"), Sum(metrics, "nurture_leads_total", $"reason=\"{reason}\""));
        }

        Assert.Equal(24, Sum(metrics, "nurture_send_duration_seconds_count", "channel=\"email\"", "outcome=\"sent\""));
        Assert.Equal(24, Sum(metrics, "nurture_touch_lag_seconds_count", "channel=\"email\""));
        Assert.Equal(worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'uncertain'"), Sum(metrics, "nurture_touches_uncertain"));
        Assert.Contains("nurture_touches_due", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", metrics, StringComparison.Ordinal); // ids and codes only
    }

    /// <summary>The sum of a metric's samples whose labels include every one given.</summary>
    private static long Sum(string exposition, string name, params string[] labels)
    {
        var total = 0.0;
        foreach (Match m in Regex.Matches(exposition, $@"^{Regex.Escape(name)}(\{{(?<labels>[^}}]*)\}})? (?<value>\S+)", RegexOptions.Multiline))
        {
            if (labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            {
                total += double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        return (long)total;
    }
}
