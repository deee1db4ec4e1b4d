using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Cycle;
using NurtureHealth.Leads;
using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Sms;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Messaging;

/// <summary>
/// A send that may have reached the server is Uncertain and never sent again; a send that provably did not is retried.
/// The servers here misbehave on purpose (<see cref="ScriptedSmtpServer"/>, a Twilio address that never answers).
/// </summary>
public sealed class AmbiguousSendTests
{
    [Theory]
    [InlineData(ScriptedSmtpServer.Fault.HangUpAfterMessage)]
    [InlineData(ScriptedSmtpServer.Fault.AnswerLate)]
    public async Task Smtp_ServerTakesTheMessageThenHangsUpOrAnswersTooLate_TheTouchIsUncertainAndNeverSentAgain(ScriptedSmtpServer.Fault fault)
    {
        // The client's timeout covers connect and greeting too: it must be long enough that a loaded machine still gets the
        // envelope accepted in time (a timeout before that is, rightly, "not sent, retried"), and the server's late answer far later.
        await using var server = new ScriptedSmtpServer(fault, lateBy: TimeSpan.FromMinutes(1));
        using var services = Smtp(server.Port, timeout: TimeSpan.FromSeconds(5));
        await EnrollAsync(services, 3);

        var first = await services.Get<NurtureCycle>().SendDueAsync();
        services.Clock.Advance(TimeSpan.FromHours(3)); // past every retry delay
        await services.Get<NurtureCycle>().SendDueAsync();

        Assert.Equal((0, 3, 0), (first.Sent, first.Uncertain, first.Retried));
        Assert.Equal(3, server.MessagesReceived); // once each, never again
        using var db = services.Db();
        Assert.All(db.Touches.AsNoTracking().Where(t => t.StepIndex == 0).ToList(), t =>
        {
            Assert.Equal(TouchStatus.Uncertain, t.Status);
            Assert.StartsWith("uncertain: SMTP connection lost after the server accepted the envelope", t.Outcome);
        });
    }

    [Fact]
    public async Task Smtp_ServerHangsUpBeforeAcceptingTheRecipient_TheTouchWasNotSentAndIsRetried()
    {
        await using var server = new ScriptedSmtpServer(ScriptedSmtpServer.Fault.HangUpAtRecipient);
        using var services = Smtp(server.Port);
        await EnrollAsync(services, 2);

        var run = await services.Get<NurtureCycle>().SendDueAsync();

        Assert.Equal((0, 0, 2), (run.Sent, run.Uncertain, run.Retried));
        Assert.Equal(0, server.MessagesReceived);
        using var db = services.Db();
        Assert.All(db.Touches.AsNoTracking().Where(t => t.StepIndex == 0).ToList(), t => Assert.Equal((TouchStatus.Scheduled, 1), (t.Status, t.Attempts)));
    }

    [Fact]
    public async Task Twilio_NoAnswerWithinTheTimeout_TheTouchIsUncertainAndTheRequestWasMadeOnce()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var requests = 0;
        var connections = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                var client = await silent.AcceptTcpClientAsync();
                connections.Add(client); // read nothing, answer nothing
                Interlocked.Increment(ref requests);
            }
        });
        using var services = new NurtureServices(new Dictionary<string, string?>
        {
            ["Nurture:Twilio:AccountSid"] = "AC" + new string('a', 32),
            ["Nurture:Twilio:AuthToken"] = "token",
            ["Nurture:Twilio:BaseUrl"] = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}",
            ["Nurture:Twilio:Timeout"] = "00:00:01",
        });
        var sms = services.Get<ISmsSender>();

        var result = await sms.SendAsync(new OutgoingSms(7, "+13125550100", "+13125550142", "Hello", NurtureHealth.Templates.SmsSize.Of("Hello")), CancellationToken.None);

        Assert.Equal(SendStatus.Uncertain, result.Status);
        Assert.StartsWith("no answer from Twilio", result.Detail);
        Assert.Equal(1, Volatile.Read(ref requests)); // not retried by the HTTP pipeline either
        connections.ForEach(c => c.Dispose());
    }

    [Theory]
    [InlineData(HttpRequestError.ConnectionError, true)]
    [InlineData(HttpRequestError.NameResolutionError, true)]
    [InlineData(HttpRequestError.ResponseEnded, false)]
    [InlineData(HttpRequestError.InvalidResponse, false)]
    [InlineData(HttpRequestError.Unknown, false)]
    public void Twilio_OnlyARequestThatNeverConnectedCountsAsNeverSent(HttpRequestError error, bool neverSent) =>
        Assert.Equal(neverSent, TwilioSmsSender.NeverSent(new HttpRequestException(error, "x")));

    private static NurtureServices Smtp(int port, TimeSpan? timeout = null) => new(new Dictionary<string, string?>
    {
        ["Nurture:Smtp:Host"] = "127.0.0.1",
        ["Nurture:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Nurture:Smtp:Security"] = "None",
        ["Nurture:Smtp:Timeout"] = (timeout ?? TimeSpan.FromSeconds(1)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task EnrollAsync(NurtureServices services, int leads)
    {
        services.Get<LeadImporter>().ImportFile(services.Folder.Write("leads.ndjson",
            string.Join("\n", Enumerable.Range(0, leads).Select(i => Some.NdjsonLine($"l{i}", email: $"p{i}@example.com", phone: "")))));
        await services.Get<Enroller>().EnrollPendingAsync();
    }
}
