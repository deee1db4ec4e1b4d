using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NurtureHealth.Fhir;
using NurtureHealth.Storage;

namespace NurtureHealth.Benchmarks;

/// <summary>
/// The FHIR leads poll against the real FHIR test server (Medplum's router, <c>tests/servers/fhir-server.mjs</c>) holding N
/// tagged ServiceRequests with their Patients: time to the first stored lead, when the last page was asked for, the
/// whole poll, and peak memory during it; then a second poll over the same window (the overlap re-read, nothing new).
/// </summary>
internal static class FhirPollBenchmark
{
    private const string Tag = "https://nurturehealth.example/fhir/tags";
    private const string ServiceLines = "https://nurturehealth.example/fhir/service-line";

    public static int Run(BenchArguments a)
    {
        var servers = Path.Combine(RepoRoot(), "tests", "servers");
        if (!Directory.Exists(Path.Combine(servers, "node_modules")))
        {
            return BenchArguments.Usage($"the FHIR test server is not installed: run `npm ci` in {servers} first");
        }

        var folder = Path.Combine(Path.GetTempPath(), "nurture-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        using var server = Process.Start(new ProcessStartInfo("node", ["fhir-server.mjs", port.ToString(CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = servers,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        server.OutputDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            return MeasureAsync(a, folder, $"http://127.0.0.1:{port}/fhir").GetAwaiter().GetResult();
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(BenchArguments a, string folder, string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        await WaitForAsync(http, baseUrl);
        var loading = Stopwatch.StartNew();
        await LoadAsync(http, baseUrl, a.Leads);
        loading.Stop();

        var watch = new RequestWatch();
        var database = Path.Combine(folder, "fhir.db");
        using var host = Build(database, baseUrl, a.PageSize, watch);
        using (var scope = host.Services.CreateScope())
        {
            await NurtureDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<NurtureDbContext>>().CreateDbContext());
        }

        var poller = host.Services.GetRequiredService<FhirLeadPoller>();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var first = await MeasurePollAsync(poller, database, watch);
        var second = await MeasurePollAsync(poller, database, watch);

        Console.WriteLine($"FHIR leads poll: {a.Leads:N0} ServiceRequests (+ {a.Leads:N0} Patients) on the real FHIR test server, _count={a.PageSize}; loaded in {loading.Elapsed.TotalSeconds:F1} s (not timed below)");
        Console.WriteLine();
        Console.WriteLine("| measure | first poll (all new) | second poll (overlap, nothing new) |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| ServiceRequest pages read | {first.Pages} | {second.Pages} |");
        Console.WriteLine($"| leads stored | {first.Leads:N0} | {second.Leads - first.Leads:N0} |");
        Console.WriteLine($"| time to the first stored lead | {Seconds(first.FirstStored)} | — |");
        Console.WriteLine($"| pages asked for before the first lead was stored | {first.PagesBeforeFirst} of {first.Pages} | — |");
        Console.WriteLine($"| last page asked for at | {Seconds(first.LastPage)} | {Seconds(second.LastPage)} |");
        Console.WriteLine($"| whole poll | {Seconds(first.Total)} | {Seconds(second.Total)} |");
        Console.WriteLine($"| of which waiting on the server: ServiceRequest pages | {Seconds(first.ServiceRequestWait)} | {Seconds(second.ServiceRequestWait)} |");
        Console.WriteLine($"| of which waiting on the server: Patients | {Seconds(first.PatientWait)} | {Seconds(second.PatientWait)} |");
        Console.WriteLine($"| the rest: parsing, mapping, intake, storing | {Seconds(first.Total - first.ServiceRequestWait - first.PatientWait)} | {Seconds(second.Total - second.ServiceRequestWait - second.PatientWait)} |");
        Console.WriteLine($"| leads stored per second | {first.Leads / first.Total.TotalSeconds:N0} | — |");
        Console.WriteLine($"| peak managed heap during the poll | {first.PeakHeapMb:N0} MiB | {second.PeakHeapMb:N0} MiB |");
        Console.WriteLine($"| peak working set during the poll | {first.PeakWorkingSetMb:N0} MiB | {second.PeakWorkingSetMb:N0} MiB |");
        Console.WriteLine($"| managed heap before the poll | {first.HeapBeforeMb:N0} MiB | {second.HeapBeforeMb:N0} MiB |");
        return first.Leads == a.Leads && first.FirstStored < first.LastPage ? 0 : 1;
    }

    private static async Task<Poll> MeasurePollAsync(FhirLeadPoller poller, string database, RequestWatch watch)
    {
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM leads";
        var before = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        watch.Clear();
        var clock = Stopwatch.StartNew();
        using var done = new CancellationTokenSource();
        TimeSpan? firstStored = null;
        double peakHeap = 0, peakWorkingSet = 0;
        var sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!done.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false) / 1048576.0);
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64 / 1048576.0);
                if (firstStored is null && Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture) > before)
                {
                    firstStored = clock.Elapsed;
                }

                await Task.Delay(10);
            }
        });
        var report = await poller.PollAsync();
        var total = clock.Elapsed;
        await done.CancelAsync();
        await sampling;
        var after = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        var pages = watch.Pages();
        var first = firstStored ?? total;
        return new Poll(report.Pages, after, first, pages.Count(p => p <= first), pages.Count == 0 ? TimeSpan.Zero : pages.Max(), total, peakHeap, peakWorkingSet, heapBefore,
            watch.Waited("ServiceRequest"), watch.Waited("Patient"));
    }

    private static async Task LoadAsync(HttpClient http, string baseUrl, int leads)
    {
        const int PerBundle = 250;
        var updated = TimeProvider.System.GetUtcNow();
        for (var start = 0; start < leads; start += PerBundle)
        {
            var entries = new JsonArray();
            for (var i = start; i < Math.Min(leads, start + PerBundle); i++)
            {
                var patient = $"urn:uuid:{Guid.NewGuid()}";
                entries.Add(new JsonObject
                {
                    ["fullUrl"] = patient,
                    ["resource"] = JsonNode.Parse($$"""
                        {"resourceType":"Patient","name":[{"use":"official","given":["Bench"],"family":"Patient{{i}}"}],
                         "telecom":[{"system":"email","value":"bench{{i}}@example.com"}],"address":[{"use":"home","postalCode":"60614"}] }
                        """),
                    ["request"] = new JsonObject { ["method"] = "POST", ["url"] = "Patient" },
                });
                entries.Add(new JsonObject
                {
                    ["resource"] = JsonNode.Parse($$"""
                        {"resourceType":"ServiceRequest","meta":{"tag":[{"system":"{{Tag}}","code":"nurture"}]},"status":"active","intent":"proposal",
                         "subject":{"reference":"{{patient}}"},"authoredOn":"{{updated.AddSeconds(-i).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}}",
                         "code":{"coding":[{"system":"{{ServiceLines}}","code":"dermatology"}],"text":"Acne scarring"} }
                        """),
                    ["request"] = new JsonObject { ["method"] = "POST", ["url"] = "ServiceRequest" },
                });
            }

            var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "transaction", ["entry"] = entries };
            using var answer = await http.PostAsync(baseUrl, JsonContent.Create(bundle, options: null));
            if (!answer.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"loading the FHIR test server failed: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        }
    }

    private static IHost Build(string database, string baseUrl, int pageSize, RequestWatch watch)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nurture:Storage:ConnectionString"] = $"Data Source={database}",
            ["Nurture:Locations:Path"] = Path.Combine(RepoRoot(), "locations"),
            ["Nurture:Templates:Path"] = Path.Combine(RepoRoot(), "templates"),
            ["Nurture:Inbox:Enabled"] = "false",
            ["Nurture:Links:BaseUrl"] = "https://nurture.bench.example",
            ["Nurture:Links:SigningKey"] = "benchmark-signing-key-0123456789-abcdef",
            ["Nurture:Fhir:BaseUrl"] = baseUrl,
            ["Nurture:Fhir:PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddNurtureHealth(builder.Configuration);
        builder.Services.AddHttpClient(FhirConnection.ClientName).AddHttpMessageHandler(() => watch);
        return builder.Build();
    }

    private static async Task WaitForAsync(HttpClient http, string baseUrl)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var answer = await http.GetAsync($"{baseUrl}/metadata");
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("the FHIR test server did not start");
    }

    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:F2} s";

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "NurtureHealth.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("run from inside the repository");
    }

    private sealed record Poll(int Pages, int Leads, TimeSpan FirstStored, int PagesBeforeFirst, TimeSpan LastPage, TimeSpan Total,
        double PeakHeapMb, double PeakWorkingSetMb, double HeapBeforeMb, TimeSpan ServiceRequestWait, TimeSpan PatientWait);

    /// <summary>When each ServiceRequest page was asked for, and the time spent waiting on the server, by resource type.</summary>
    private sealed class RequestWatch : DelegatingHandler
    {
        private readonly List<long> _pages = [];
        private readonly Dictionary<string, TimeSpan> _waited = [];
        private long _origin = Stopwatch.GetTimestamp();

        public void Clear()
        {
            lock (_pages)
            {
                _pages.Clear();
                _waited.Clear();
                _origin = Stopwatch.GetTimestamp();
            }
        }

        public TimeSpan Waited(string type)
        {
            lock (_pages)
            {
                return _waited.GetValueOrDefault(type);
            }
        }

        public List<TimeSpan> Pages()
        {
            lock (_pages)
            {
                return _pages.Select(t => Stopwatch.GetElapsedTime(_origin, t)).ToList();
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var type = request.RequestUri?.AbsolutePath.Split('/')[^1] ?? "";
            if (type == "ServiceRequest")
            {
                lock (_pages)
                {
                    _pages.Add(started);
                }
            }

            var answer = await base.SendAsync(request, cancellationToken);
            await answer.Content.LoadIntoBufferAsync(cancellationToken);
            lock (_pages)
            {
                _waited[type] = _waited.GetValueOrDefault(type) + Stopwatch.GetElapsedTime(started);
            }

            return answer;
        }
    }
}
