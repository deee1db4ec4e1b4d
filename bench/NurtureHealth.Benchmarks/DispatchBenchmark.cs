using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NurtureHealth.Cycle;
using NurtureHealth.Leads;
using NurtureHealth.Messaging;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Benchmarks;

/// <summary>
/// Dispatch: touches rendered (real templates) and written to the file outbox per second with N enrolled
/// leads, and the lag from due instant to sent under the real Quartz job at a steady rate below that.
/// Runs on the real clock; the synthetic locations sit in a time zone where it is early afternoon now,
/// so every send window is open for the whole run.
/// </summary>
internal static class DispatchBenchmark
{
    /// <summary>Sends at once (<c>--parallelism</c>, default 4 like the worker).</summary>
    private static int _parallelism = 4;

    public static int Run(BenchArguments a)
    {
        _parallelism = a.Parallelism;
        var folder = Path.Combine(Path.GetTempPath(), "nurture-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return Measure(a, folder).GetAwaiter().GetResult();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> Measure(BenchArguments a, string folder)
    {
        var random = new Random(a.Seed);
        var zone = MiddayZone();
        var locations = Path.Combine(folder, "locations");
        var points = WriteLocations(locations, Math.Min(a.Locations, 500), zone, random);

        // Throughput: N leads imported and enrolled (not timed), then every first touch is due at once.
        var throughputLeads = Path.Combine(folder, "leads.ndjson");
        WriteLeads(throughputLeads, a.Leads, points, random, "t");
        var (enrolled, sent, rate, heapAfterEnroll) = await ThroughputAsync(folder, "throughput", locations, throughputLeads, discard: false);
        var peakThroughput = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var (_, engineSent, engineRate, _) = await ThroughputAsync(folder, "engine", locations, throughputLeads, discard: true);

        // Lag: touches due at a steady rate below the measured throughput, sent by the real Quartz job.
        var lagLeads = Math.Min(a.Leads, 20_000);
        var lagRate = Math.Min(2_500, Math.Floor(rate / 2));
        var lagFile = Path.Combine(folder, "lag.ndjson");
        WriteLeads(lagFile, lagLeads, points, random, "g");
        using var lagHost = Build(folder, "lag", locations, TimeSpan.FromSeconds(1));
        await MigrateAsync(lagHost.Services);
        lagHost.Services.GetRequiredService<LeadImporter>().ImportFile(lagFile);
        await lagHost.Services.GetRequiredService<Enroller>().EnrollPendingAsync();
        var start = TimeProvider.System.GetUtcNow().AddSeconds(3);
        await SpreadDueTimesAsync(lagHost.Services, start, lagRate);
        await lagHost.StartAsync();
        var lags = await WaitForLagsAsync(lagHost.Services, lagLeads, TimeSpan.FromMinutes(5));
        await lagHost.StopAsync();

        Print(a, enrolled, sent, rate, engineRate, heapAfterEnroll, peakThroughput, lagLeads, lagRate, lags, zone);
        return 0;
    }

    private static async Task<(int Enrolled, int Sent, double Rate, double HeapMb)> ThroughputAsync(string folder, string name, string locations, string leads, bool discard)
    {
        using var host = Build(folder, name, locations, TimeSpan.FromSeconds(1), discard);
        var services = host.Services;
        await MigrateAsync(services);
        services.GetRequiredService<LeadImporter>().ImportFile(leads);
        var enrolled = await services.GetRequiredService<Enroller>().EnrollPendingAsync();
        var heap = GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0);
        var cycle = services.GetRequiredService<NurtureCycle>();
        var watch = Stopwatch.StartNew();
        var sent = 0;
        while (true)
        {
            var run = await cycle.SendDueAsync();
            sent += run.Sent;
            if (run.Sent + run.Skipped + run.Deferred + run.Failed + run.Cancelled == 0)
            {
                break;
            }
        }

        watch.Stop();
        return (enrolled.Enrolled, sent, sent / watch.Elapsed.TotalSeconds, heap);
    }

    /// <summary>A sender that accepts and forgets: measures the engine (claim, render, record, plan) without the disk.</summary>
    private sealed class DiscardingSender : IEmailSender, ISmsSender
    {
        public Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken) => Task.FromResult(SendResult.Accepted(email.MessageId));

        public Task<SendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken) => Task.FromResult(SendResult.Accepted("discarded"));
    }

    private static IHost Build(string folder, string name, string locations, TimeSpan maxIdle, bool discard = false)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        if (discard)
        {
            builder.Services.AddSingleton<DiscardingSender>();
            builder.Services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<DiscardingSender>());
            builder.Services.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<DiscardingSender>());
        }

        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nurture:Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, name + ".db")}",
            ["Nurture:Locations:Path"] = locations,
            ["Nurture:Templates:Path"] = Path.Combine(RepoRoot(), "templates"),
            ["Nurture:Outbox:Path"] = Path.Combine(folder, name + "-outbox"),
            ["Nurture:Inbox:Enabled"] = "false",
            ["Nurture:Links:BaseUrl"] = "https://nurture.bench.example",
            ["Nurture:Links:SigningKey"] = "benchmark-signing-key-0123456789-abcdef",
            ["Nurture:Dispatch:MaxIdle"] = maxIdle.ToString("c", CultureInfo.InvariantCulture),
            ["Nurture:Dispatch:BatchSize"] = "500",
            ["Nurture:Dispatch:Parallelism"] = _parallelism.ToString(CultureInfo.InvariantCulture),
            ["Nurture:Scheduling:MaxMessagesPerWeek"] = "50",
        });
        builder.Services.AddNurtureHealth(builder.Configuration);
        return builder.Build();
    }

    private static async Task MigrateAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync();
        await NurtureDatabase.MigrateAsync(db);
    }

    private static async Task SpreadDueTimesAsync(IServiceProvider services, DateTimeOffset start, double perSecond)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync();
        var touches = await db.Touches.Where(t => t.Status == TouchStatus.Scheduled).OrderBy(t => t.Id).ToListAsync();
        for (var i = 0; i < touches.Count; i++)
        {
            touches[i].DueAt = start.AddTicks((long)(i * TimeSpan.TicksPerSecond / perSecond));
        }

        await db.SaveChangesAsync();
    }

    private static async Task<List<double>> WaitForLagsAsync(IServiceProvider services, int expected, TimeSpan timeout)
    {
        var factory = services.GetRequiredService<IDbContextFactory<NurtureDbContext>>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            await using var db = await factory.CreateDbContextAsync();
            var sent = await db.Touches.AsNoTracking().Where(t => t.Status == TouchStatus.Sent).Select(t => new { t.DueAt, t.SentAt }).ToListAsync();
            if (sent.Count >= expected)
            {
                return sent.Select(t => (t.SentAt!.Value - t.DueAt).TotalMilliseconds).Order().ToList();
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("the lag run did not finish in time");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static void Print(BenchArguments a, int enrolled, int sent, double rate, double engineRate, double heapMb, double peakMb, int lagLeads, double lagRate, List<double> lags, string zone)
    {
        static string N(double v, string format = "N0") => v.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"Dispatch: {N(enrolled)} enrolled leads, real templates, file outbox, {_parallelism} sends at once; .NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
                          $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}; locations in {zone}");
        Console.WriteLine();
        Console.WriteLine("| measure | result | target |");
        Console.WriteLine("|---|---:|---|");
        Console.WriteLine($"| touches rendered, written to the outbox and recorded (all due at once) | {N(rate)} touches/s ({N(sent)} in {N(sent / rate, "N1")} s) | ≥ 5,000 touches/s |");
        Console.WriteLine($"| the same without the disk (a sender that discards): claim, render, record, plan | {N(engineRate)} touches/s | |");
        Console.WriteLine($"| lag from due to sent, p50, at {N(lagRate)} touches/s through the Quartz job ({N(lagLeads)} touches) | {N(Percentile(lags, 0.50))} ms | |");
        Console.WriteLine($"| lag from due to sent, p99 | {N(Percentile(lags, 0.99))} ms | < 1,000 ms |");
        Console.WriteLine($"| lag from due to sent, max | {N(lags[^1])} ms | |");
        Console.WriteLine($"| managed heap with {N(enrolled)} leads enrolled | {N(heapMb)} MB | |");
        Console.WriteLine($"| peak working set through the throughput run (import, enrol, dispatch) | {N(peakMb)} MB | < 300 MB |");
    }

    /// <summary>A fixed-offset zone where the local time is now about 13:00, so every send window stays open.</summary>
    internal static string MiddayZone()
    {
        var hours = 13 - TimeProvider.System.GetUtcNow().Hour;
        hours = hours > 12 ? hours - 24 : hours < -12 ? hours + 24 : hours;
        hours = Math.Clamp(hours, -12, 14);
        // Etc/GMT signs are inverted: Etc/GMT+5 is UTC-5.
        return hours == 0 ? "Etc/UTC" : $"Etc/GMT{(hours > 0 ? "-" : "+")}{Math.Abs(hours)}";
    }

    internal static List<NurtureHealth.Locations.GeoPoint> WriteLocations(string folder, int count, string zone, Random random)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "group.yaml"), """
            name: Benchmark Health
            service_lines:
              dermatology: { specialties: [dermatology] }
              cosmetic-dermatology: { specialties: [cosmetic-dermatology] }
              dental-implants: { specialties: [prosthodontics] }
              clear-aligners: { specialties: [orthodontics] }
            lead_sources: [web-form, guide-download, ad-click, webinar-signup]
            email_from_domain: mail.bench.example
            """);
        var zips = SyntheticGroup.ContinentalZips();
        var points = new List<NurtureHealth.Locations.GeoPoint>();
        for (var i = 0; i < count; i++)
        {
            var (zip, point) = zips[random.Next(zips.Count)];
            points.Add(point);
            var id = $"loc-{i:D4}";
            Directory.CreateDirectory(Path.Combine(folder, id));
            File.WriteAllText(Path.Combine(folder, id, "location.yaml"), string.Create(CultureInfo.InvariantCulture, $$"""
                id: {{id}}
                name: Benchmark Health — Office {{i}}
                timezone: {{zone}}
                position: { lat: {{point.Lat:R}}, lon: {{point.Lon:R}} }
                address: { line1: "{{i}} Main St", city: Springfield, state: IL, postal_code: "{{zip}}" }
                phone: "+13125550100"
                booking_url: https://book.bench.example/{{id}}
                service_lines: [dermatology, cosmetic-dermatology, dental-implants, clear-aligners]
                providers:
                  - { id: {{id}}-derm, name: "Dr A {{i}}", title: Dermatologist, specialties: [dermatology, cosmetic-dermatology], languages: [en, es] }
                  - { id: {{id}}-dent, name: "Dr B {{i}}", title: Prosthodontist, specialties: [prosthodontics, orthodontics], languages: [en] }
                """));
        }

        return points;
    }

    private static void WriteLeads(string path, int count, List<NurtureHealth.Locations.GeoPoint> near, Random random, string prefix)
    {
        string[] sources = ["guide-download", "web-form", "ad-click", "webinar-signup"];
        string[] lines = ["dermatology", "cosmetic-dermatology", "dental-implants", "clear-aligners"];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var p = near[random.Next(near.Count)];
            var lat = p.Lat + ((random.NextDouble() - 0.5) * 0.2);
            var lon = p.Lon + ((random.NextDouble() - 0.5) * 0.2);
            var phone = $"(312) {200 + (i / 10000 % 800)}-{i % 10000:D4}";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $$$"""{"id":"{{{prefix}}}-{{{i}}}","submitted_at":"2026-11-20T15:04:05Z","source":"{{{sources[random.Next(4)]}}}","service_line":"{{{lines[random.Next(4)]}}}","first_name":"Pat","email":"{{{prefix}}}{{{i}}}@example.com","phone":"{{{phone}}}","lat":{{{lat:F5}}},"lon":{{{lon:F5}}},"language":"{{{(random.NextDouble() < 0.3 ? "es" : "en")}}}","consent":{"email":true,"sms":true,"sms_text":"I agree. Reply STOP to opt out.","at":"2026-11-20T15:04:05Z"}}"""));
            writer.Write('\n');
        }
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NurtureHealth.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run the benchmark from inside the repository");
    }
}
