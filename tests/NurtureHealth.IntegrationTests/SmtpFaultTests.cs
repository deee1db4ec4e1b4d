using Microsoft.EntityFrameworkCore;
using NurtureHealth.Cycle;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Leads;
using NurtureHealth.Sequences;
using NurtureHealth.Tests;
using NurtureHealth.Touches;

namespace NurtureHealth.IntegrationTests;

/// <summary>The mail server goes away and comes back: touches wait, none is lost, none is sent twice.</summary>
public sealed class SmtpFaultTests
{
    [Fact]
    public async Task Dispatch_SmtpDownThenBack_DelaysTheEmailsThenSendsEachExactlyOnce()
    {
        var mail = await MailDev.StartAsync();
        await mail.StopAsync(); // the server is down when the touches fall due
        using var services = new NurtureServices(new Dictionary<string, string?>
        {
            ["Nurture:Smtp:Host"] = "127.0.0.1",
            ["Nurture:Smtp:Port"] = mail.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Nurture:Smtp:Security"] = "None",
            ["Nurture:Smtp:Timeout"] = "00:00:05",
        });
        services.Get<LeadImporter>().ImportFile(services.Folder.Write("leads.ndjson", string.Join("\n",
            Enumerable.Range(0, 5).Select(i => Some.NdjsonLine($"web-{i}", email: $"p{i}@example.com", phone: "")))));
        await services.Get<Enroller>().EnrollPendingAsync();
        var dispatcher = services.Get<NurtureCycle>();

        var down = await dispatcher.SendDueAsync();

        Assert.Equal((0, 5), (down.Sent, down.Retried));
        using (var db = services.Db())
        {
            Assert.All(db.Touches.AsNoTracking().Where(t => t.StepIndex == 0).ToList(), t =>
            {
                Assert.Equal((TouchStatus.Scheduled, 1), (t.Status, t.Attempts));
                Assert.StartsWith("retry 1: SMTP connection", t.Outcome);
                Assert.True(t.DueAt >= Some.Now.AddMinutes(1));
            });
        }

        await mail.RestartAsync();
        services.Clock.Advance(TimeSpan.FromMinutes(2));
        var back = await dispatcher.SendDueAsync();
        await dispatcher.SendDueAsync();

        Assert.Equal(5, back.SentEmail);
        var emails = await mail.EmailsAsync();
        Assert.Equal(5, emails.Count);
        Assert.Equal(5, emails.Select(e => e.GetProperty("to")[0].GetProperty("address").GetString()).Distinct().Count());
        await mail.DisposeAsync();
    }
}
