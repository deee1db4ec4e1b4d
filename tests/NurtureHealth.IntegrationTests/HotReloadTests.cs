using System.Security.Cryptography;
using MimeKit;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// A location manager edits their location's template while <c>nurture run</c> runs: a valid edit is used for the next
/// message without a restart; a broken edit is not — the last good version stays in use and /health says why.
/// </summary>
public sealed class HotReloadTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Run_OverrideAddedThenBrokenThenFixed_NextMessagesUseTheLastGoodVersionAndHealthSaysWhy()
    {
        using var clinic = new MiddayClinic();
        await using var worker = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string> { ["Nurture__HotReload__Delay"] = "00:00:00.200" });
        Assert.Contains("Hot reload: watching", worker.Log);

        // Before any edit: the group's template.
        var first = await SendGuideAsync(worker, 1);
        Assert.Contains("Here are the three things", first.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Lincoln Park skin clinic", first.TextBody, StringComparison.Ordinal);

        // The manager adds a local override of the first email.
        var folder = Path.Combine(clinic.Folder, "chicago-lincoln-park", "templates", "skin-guide");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "guide.en.md");
        var good = File.ReadAllText(Path.Combine(TestPaths.Templates, "skin-guide", "guide.en.md"))
            .Replace("Hi {{ patient.first_name }},", "Hi {{ patient.first_name }}, greetings from the Lincoln Park skin clinic.", StringComparison.Ordinal);
        File.WriteAllText(file, good);
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Log.Contains("Content change applied", StringComparison.Ordinal)), TimeSpan.FromSeconds(30)),
            "the new override was not applied\n" + worker.Log);

        var second = await SendGuideAsync(worker, 2);
        Assert.Contains("greetings from the Lincoln Park skin clinic", second.TextBody, StringComparison.Ordinal);
        var goodHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));
        Assert.Equal(goodHash, worker.Text("SELECT template_hash FROM touches WHERE status = 'sent' ORDER BY id DESC LIMIT 1"));
        Assert.EndsWith(Path.Combine("chicago-lincoln-park", "templates", "skin-guide", "guide.en.md"), worker.Text("SELECT template_path FROM touches WHERE status = 'sent' ORDER BY id DESC LIMIT 1"));
        Assert.EndsWith("email.en.html", worker.Text("SELECT layout_path FROM touches WHERE status = 'sent' ORDER BY id DESC LIMIT 1"));
        Assert.Matches("^[0-9a-f]{64}$", worker.Text("SELECT layout_hash FROM touches WHERE status = 'sent' ORDER BY id DESC LIMIT 1"));

        // Then breaks it: a misspelt variable.
        File.WriteAllText(file, good.Replace("{{ patient.first_name }}, greetings", "{{ patient.frist_name }}, greetings", StringComparison.Ordinal));
        Assert.True(await Worker.WaitAsync(async () => (await HealthAsync(worker)).Contains("Degraded", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            "the health endpoint did not turn degraded\n" + worker.Log);
        var health = await HealthAsync(worker);
        Assert.Contains("guide.en.md:5:", health, StringComparison.Ordinal);
        Assert.Contains("patient.frist_name", health, StringComparison.Ordinal);
        Assert.Contains("stays in use", health, StringComparison.Ordinal);
        // The log is read from the worker's stdout, which can trail /health by a moment.
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Log.Contains("Content change NOT applied", StringComparison.Ordinal)), TimeSpan.FromSeconds(10)),
            "the rejected change was not logged\n" + worker.Log);
        Assert.Contains("did you mean 'patient.first_name'", worker.Log, StringComparison.Ordinal);

        var third = await SendGuideAsync(worker, 3);
        Assert.Contains("Hi Ana3, greetings from the Lincoln Park skin clinic", third.TextBody, StringComparison.Ordinal);
        Assert.Equal(goodHash, worker.Text("SELECT template_hash FROM touches WHERE status = 'sent' ORDER BY id DESC LIMIT 1"));

        // Fixed again: healthy, and the fix is what goes out.
        File.WriteAllText(file, good.Replace("greetings from", "warm greetings from", StringComparison.Ordinal));
        Assert.True(await Worker.WaitAsync(async () => (await HealthAsync(worker)).StartsWith("{\"status\":\"Healthy\"", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
            "the health endpoint did not recover\n" + await HealthAsync(worker));
        var fourth = await SendGuideAsync(worker, 4);
        Assert.Contains("warm greetings from the Lincoln Park skin clinic", fourth.TextBody, StringComparison.Ordinal);
    }

    private static async Task<MimeMessage> SendGuideAsync(Worker worker, int n)
    {
        worker.Drop($"lead-{n}.ndjson",
            $$"""{"id":"hot-{{n}}","submitted_at":"2026-11-20T15:04:05Z","source":"guide-download","service_line":"dermatology","first_name":"Ana{{n}}","last_name":"Ruiz","email":"ana{{n}}@example.com","phone":null,"postal_code":"60614","language":"en"}""" + "\n");
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'sent'") == n), TimeSpan.FromSeconds(60)),
            $"the email to lead {n} was not sent\n" + worker.Log);
        var id = worker.Scalar("SELECT id FROM touches WHERE status = 'sent' ORDER BY id DESC LIMIT 1");
        var path = Path.Combine(worker.Folder, "outbox", "email", $"{id:D8}.eml");
        Assert.True(File.Exists(path), $"no outbox file {path}");
        return await MimeMessage.LoadAsync(path);
    }

    private static async Task<string> HealthAsync(Worker worker) =>
        await (await Http.GetAsync($"{worker.BaseUrl}/health")).Content.ReadAsStringAsync();
}
