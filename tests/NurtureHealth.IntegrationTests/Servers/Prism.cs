namespace NurtureHealth.IntegrationTests.Servers;

/// <summary>
/// Stoplight Prism 5.14.2 mocking Twilio's API from Twilio's own OpenAPI description
/// (<c>@twilio/cli-core@8.3.2</c>, <c>twilio_api_v2010.json</c>): a request that breaks Twilio's contract gets
/// 422 instead of 201. Prism does not record requests, so tests also check what was posted.
/// </summary>
internal sealed class Prism : NodeServer
{
    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static string Spec => Path.Combine(TestServers.Folder, "node_modules", "@twilio", "cli-core", "src", "services", "twilio-api", "twilio_api_v2010.json");

    public static async Task<Prism> StartAsync()
    {
        var server = new Prism { Port = TestServers.FreePort() };
        await server.StartAsync("prism", ["mock", "-h", "127.0.0.1", "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Spec], server.Port, "Prism");
        return server;
    }
}
