using System.Text.Json;

namespace NurtureHealth.IntegrationTests.Servers;

/// <summary>MailDev 3.0.0: a real SMTP server; mail is read back through its REST API at <c>/api/email</c>.</summary>
internal sealed class MailDev : NodeServer
{
    private static readonly HttpClient Http = new();

    public int SmtpPort { get; private set; }

    public int WebPort { get; private set; }

    public static async Task<MailDev> StartAsync(int? smtpPort = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new MailDev { SmtpPort = smtpPort ?? TestServers.FreePort(), WebPort = TestServers.FreePort() };
            try
            {
                await server.RestartAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // A free port can be taken between choosing it and binding it (another test's server or outgoing
                // connection): MailDev then exits at once. Choose new ports and start again.
                await server.DisposeAsync();
            }
        }
    }

    public async Task RestartAsync()
    {
        await StartAsync("maildev", ["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "-s", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-w", WebPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], WebPort, "MailDev");
        await TestServers.WaitForPortAsync(SmtpPort, null, "MailDev SMTP", TimeSpan.FromSeconds(30));
    }

    /// <summary>Every email MailDev holds.</summary>
    public async Task<List<JsonElement>> EmailsAsync()
    {
        var json = await Http.GetStringAsync($"http://127.0.0.1:{WebPort}/api/email");
        return JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
    }

    /// <summary>The raw source of one email (headers included).</summary>
    public Task<string> SourceAsync(string id) => Http.GetStringAsync($"http://127.0.0.1:{WebPort}/api/email/{id}/source");
}
