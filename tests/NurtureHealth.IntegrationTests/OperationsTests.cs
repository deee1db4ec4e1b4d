using System.Net;
using System.Text.RegularExpressions;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests;
using NurtureHealth.Tests.Host;

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
        Assert.Contains("; webhooks: /twilio/inbound and /twilio/status on (signature-checked); /intake/fhir and /bookings refuse every call (no Nurture:Api:Keys); /manage off (no Nurture:Manage:Authority)",
            worker.Log, StringComparison.Ordinal);
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

    [Fact]
    public async Task DbBackup_WhileTheWorkerImportsAndSends_IsAConsistentCopyThatOpensOnItsOwn()
    {
        using var clinic = new MiddayClinic();
        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string>());
        var leads = new System.Text.StringBuilder();
        for (var i = 0; i < 6000; i++)
        {
            leads.Append(DeliveryTests.Lead($"backup-{i}", email: $"patient{i}@example.com", phone: null, source: "guide-download"));
        }

        worker.Drop("backup.ndjson", leads.ToString());
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM leads") > 0), TimeSpan.FromSeconds(60)), "the import did not start\n" + worker.Log);
        var database = Path.Combine(worker.Folder, "nurture.db");
        var backups = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var target = Path.Combine(worker.Folder, $"backup-{i}.db");
            var result = NurtureProcess.Run(worker.Folder, new Dictionary<string, string>(), "db", "backup", target, "--db", database);
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            Assert.Matches(@"^Backed up .+ \(\d+\.\d MB, \d+ touches, \d+ contacts\) in \d+\.\d s; integrity check: ok\.", result.Stdout);
            backups.Add(target);
        }

        // Each copy is one file that opens alone, passes SQLite's check, and is a snapshot: every stored lead has its contact.
        foreach (var backup in backups)
        {
            Assert.False(File.Exists(backup + "-wal") && new FileInfo(backup + "-wal").Length > 0, "the backup left a -wal beside it");
            using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backup};Mode=ReadOnly");
            copy.Open();
            Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check"));
            Assert.Equal("0", Scalar(copy, "SELECT COUNT(*) FROM leads l LEFT JOIN contacts c ON c.id = l.contact_id WHERE c.id IS NULL"));
            Assert.Equal(Scalar(copy, "SELECT COALESCE(SUM(accepted), 0) FROM imports"), Scalar(copy, "SELECT COUNT(*) FROM leads"));
        }

        var again = NurtureProcess.Run(worker.Folder, new Dictionary<string, string>(), "db", "backup", backups[0], "--db", database);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal($"{backups[0]} exists already: give a new file name (a backup never overwrites).", again.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Secrets_ReadFromFilesNamedAfterTheSetting_StartTheWorker()
    {
        var secrets = Path.Combine(Path.GetTempPath(), "nurture-it", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(secrets);
        await File.WriteAllTextAsync(Path.Combine(secrets, "Nurture__Links__SigningKey"), "signing-key-from-a-secret-file-0123456789abcdef\n");
        await using var worker = await Worker.StartAsync(TestPaths.Locations, new Dictionary<string, string> { ["Nurture__Links__SigningKey"] = "", ["NURTURE_SECRETS_DIR"] = secrets });

        using var live = await Http.GetAsync($"{worker.BaseUrl}/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Directory.Delete(secrets, recursive: true);
    }

    private static string Scalar(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
