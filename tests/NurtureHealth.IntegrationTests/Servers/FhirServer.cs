using System.Globalization;
using Hl7.Fhir.Rest;

namespace NurtureHealth.IntegrationTests.Servers;

/// <summary>
/// A real FHIR R4 server: Medplum's FHIR router and in-memory repository (<c>@medplum/fhir-router</c> 4.5.2)
/// behind <c>tests/servers/fhir-server.mjs</c>, which adds paging links, <c>near</c>, and a journal so the
/// server can be killed and started again with its data. Tests write to it through Firely's <see cref="FhirClient"/>.
/// </summary>
internal sealed class FhirServer : NodeServer
{
    private readonly List<string> _requests = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];
    private Func<string, bool>? _killWhen;

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}/fhir";

    public string Journal { get; } = Path.Combine(Path.GetTempPath(), "nurture-it", $"fhir-{Guid.NewGuid():N}.ndjson");

    /// <summary>Every request served so far, as "METHOD /fhir/path?query STATUS".</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>The bearer token every request must carry, when the server was started with one.</summary>
    public string? Token { get; private init; }

    public static async Task<FhirServer> StartAsync(string? token = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = new FhirServer { Port = TestServers.FreePort(), Token = token };
            Directory.CreateDirectory(Path.GetDirectoryName(server.Journal)!);
            try
            {
                await server.RestartAsync();
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The free port was taken before the server bound it (see MailDev.StartAsync): choose another.
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the server (again) on the same port, replaying its journal.</summary>
    public Task RestartAsync() =>
        StartScriptAsync("fhir-server.mjs", [Port.ToString(CultureInfo.InvariantCulture), Journal, .. Token is null ? Array.Empty<string>() : [Token]], Port, "FHIR server");

    /// <summary>A Firely client for the test's own writes and reads.</summary>
    public FhirClient Client()
    {
        var http = new HttpClient();
        if (Token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        }

        return new FhirClient(BaseUrl, http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    }

    /// <summary>Completes with the first request line (from now on) that <paramref name="match"/> accepts.</summary>
    public Task<string> NextRequestAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_requests)
        {
            _waiters.Add((match, seen));
        }

        return seen.Task;
    }

    /// <summary>Kills the server the moment it has served a request <paramref name="match"/> accepts (once).</summary>
    public void KillAfter(Func<string, bool> match)
    {
        lock (_requests)
        {
            _killWhen = match;
        }
    }

    protected override void OnOutput(string line)
    {
        if (!line.StartsWith("GET ", StringComparison.Ordinal) && !line.StartsWith("POST ", StringComparison.Ordinal) && !line.StartsWith("PUT ", StringComparison.Ordinal))
        {
            return;
        }

        lock (_requests)
        {
            _requests.Add(line);
            if (_killWhen is { } kill && kill(line))
            {
                _killWhen = null;
                _ = Task.Run(StopAsync);
            }

            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }
}
