using System.Text;
using System.Text.Json;
using NurtureHealth.Leads;

namespace NurtureHealth.Tests.Leads;

public sealed class LeadInboxTests : IDisposable
{
    private readonly NurtureServices _services = new();

    private LeadInbox Inbox => _services.Get<LeadInbox>();

    private string InboxPath => _services.Folder.File("inbox");

    [Fact]
    public void ProcessOnce_SettledLeadFile_IsImportedAndMovedToProcessedWithAReport()
    {
        Directory.CreateDirectory(InboxPath);
        File.Copy(TestPaths.SampleCsv, Path.Combine(InboxPath, "web-forms.csv"));

        Assert.Equal(0, Inbox.ProcessOnce()); // first look: noted, maybe still being written
        Assert.Equal(1, Inbox.ProcessOnce());

        Assert.False(File.Exists(Path.Combine(InboxPath, "web-forms.csv")));
        Assert.True(File.Exists(Path.Combine(InboxPath, "processed", "web-forms.csv")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(InboxPath, "processed", "web-forms.csv.report.json")));
        var root = report.RootElement;
        Assert.Equal("web-forms.csv", root.GetProperty("file").GetString());
        Assert.Equal(root.GetProperty("records").GetInt32(), root.GetProperty("accepted").GetInt32() + root.GetProperty("rejected").GetInt32());
        var rejection = root.GetProperty("rejections").EnumerateArray().First();
        Assert.True(rejection.GetProperty("line").GetInt32() > 1);
        Assert.False(string.IsNullOrEmpty(rejection.GetProperty("reason").GetString()));
        Assert.False(string.IsNullOrEmpty(rejection.GetProperty("message").GetString()));
        using var db = _services.Db();
        Assert.Equal(root.GetProperty("accepted").GetInt32(), db.Leads.Count());
    }

    [Fact]
    public void ProcessOnce_FhirBundleWithPoisonedResources_IsProcessedOnce_GoodLeadsStoredAndTheBadOnesInTheReport()
    {
        Directory.CreateDirectory(InboxPath);
        File.WriteAllText(Path.Combine(InboxPath, "ehr.json"), Fhir.PoisonedLeads.Bundle());
        var good = Fhir.PoisonedLeads.Good;

        Inbox.ProcessOnce();
        Assert.Equal(1, Inbox.ProcessOnce());
        Inbox.ProcessOnce(); // nothing left to retry

        Assert.True(File.Exists(Path.Combine(InboxPath, "processed", "ehr.json")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(InboxPath, "processed", "ehr.json.report.json")));
        Assert.Equal(good.Count, report.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(["malformed-fhir", "malformed-fhir"], report.RootElement.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("reason").GetString()));
        using var db = _services.Db();
        Assert.Equal(good.Count, db.Leads.Count());
        Assert.Single(db.Imports);
    }

    [Fact]
    public void ProcessOnce_UnreadableFile_MovesToRejectedWithTheReason()
    {
        Directory.CreateDirectory(InboxPath);
        File.WriteAllBytes(Path.Combine(InboxPath, "export.ndjson"), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Some.NdjsonLine("a"))]);

        Inbox.ProcessOnce();
        Inbox.ProcessOnce();

        Assert.True(File.Exists(Path.Combine(InboxPath, "rejected", "export.ndjson")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(InboxPath, "rejected", "export.ndjson.report.json")));
        Assert.Equal("export.ndjson: the file is UTF-16; save it as UTF-8 and import it again", report.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void ProcessOnce_FileStillGrowing_IsLeftUntilItSettles()
    {
        Directory.CreateDirectory(InboxPath);
        var path = Path.Combine(InboxPath, "drop.ndjson");
        File.WriteAllText(path, Some.NdjsonLine("a") + "\n");
        Inbox.ProcessOnce();

        File.AppendAllText(path, Some.NdjsonLine("b", email: "b@example.com", phone: "") + "\n");
        Assert.Equal(0, Inbox.ProcessOnce());
        Assert.True(File.Exists(path));

        Assert.Equal(1, Inbox.ProcessOnce());
        using var db = _services.Db();
        Assert.Equal(2, db.Leads.Count());
    }

    [Fact]
    public void ProcessOnce_SameNameDroppedTwice_KeepsBothProcessedCopies()
    {
        Directory.CreateDirectory(InboxPath);
        var path = Path.Combine(InboxPath, "daily.ndjson");
        foreach (var id in new[] { "a", "b" })
        {
            File.WriteAllText(path, Some.NdjsonLine(id, email: $"{id}@example.com", phone: ""));
            Inbox.ProcessOnce();
            Inbox.ProcessOnce();
            _services.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(2, Directory.GetFiles(Path.Combine(InboxPath, "processed"), "daily*.ndjson").Length);
    }

    [Fact]
    public void ProcessOnce_OtherFiles_AreIgnored()
    {
        Directory.CreateDirectory(InboxPath);
        File.WriteAllText(Path.Combine(InboxPath, "notes.txt"), "hello");
        File.WriteAllText(Path.Combine(InboxPath, "upload.csv.part"), "id\n");

        Inbox.ProcessOnce();
        Inbox.ProcessOnce();

        Assert.True(File.Exists(Path.Combine(InboxPath, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(InboxPath, "upload.csv.part")));
    }

    [Fact]
    public async Task Worker_RunningInbox_PicksUpADroppedFileOnItsSchedule()
    {
        Directory.CreateDirectory(InboxPath);
        File.WriteAllText(Path.Combine(InboxPath, "drop.ndjson"), Some.NdjsonLine("a"));
        using var stop = new CancellationTokenSource();
        await Inbox.StartAsync(stop.Token);

        var processed = Path.Combine(InboxPath, "processed", "drop.ndjson");
        for (var i = 0; i < 200 && !File.Exists(processed); i++)
        {
            _services.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(25);
        }

        await Inbox.StopAsync(CancellationToken.None);
        Assert.True(File.Exists(processed));
    }

    public void Dispose() => _services.Dispose();
}
