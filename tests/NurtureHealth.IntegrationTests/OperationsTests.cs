using System.Net;
using System.Text.RegularExpressions;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests;

namespace NurtureHealth.IntegrationTests;

/// <summary>What an operator's probes and log shipper see of a real <c>nurture run</c>.</summary>
public sealed class OperationsTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Health_WithTheFileOutbox_IsLiveButNotReady_AndProbesAreNotLogged()
    {
        await using var worker = await Worker.StartAsync(TestPaths.Locations, new Dictionary<string, string> { ["Nurture__Outbox__AllowedInProduction"] = "false" });
        for (var i = 0; i < 3; i++)
        {
            using var live = await Http.GetAsync($"{worker.BaseUrl}/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("{\"status\":\"Healthy\",\"checks\":{}}", await live.Content.ReadAsStringAsync());
        }

        using var ready = await Http.GetAsync($"{worker.BaseUrl}/health/ready");
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"senders\":{\"status\":\"Unhealthy\",\"description\":\"email (set Nurture:Smtp:Host) and SMS (set Nurture:Twilio:AccountSid) go to the file outbox at ", body, StringComparison.Ordinal);
        Assert.Contains("warn: NurtureHealth.Run[9001]", worker.Log, StringComparison.Ordinal); // the start said so too, as a warning
        Assert.DoesNotContain("Executing endpoint", worker.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Health check", worker.Log, StringComparison.Ordinal);
        // Every log entry starts with its UTC time.
        var entries = worker.Log.Split('\n').Where(l => Regex.IsMatch(l, @"(info|warn|fail|crit|dbug): ")).ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (info|warn|fail|crit|dbug): ", l));
    }

    [Fact]
    public async Task Health_OutboxAllowedInProduction_IsReady_AndJsonLogsCarryEventIds()
    {
        await using var worker = await Worker.StartAsync(TestPaths.Locations, new Dictionary<string, string> { ["Logging__Console__FormatterName"] = "json" });

        using var ready = await Http.GetAsync($"{worker.BaseUrl}/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("(allowed: Nurture:Outbox:AllowedInProduction)", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var start = worker.Log.Split('\n').Single(l => l.Contains("\"EventId\":9001", StringComparison.Ordinal));
        using var json = System.Text.Json.JsonDocument.Parse(start);
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z $", json.RootElement.GetProperty("Timestamp").GetString());
    }
}
