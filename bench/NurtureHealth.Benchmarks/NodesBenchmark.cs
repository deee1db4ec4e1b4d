using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Messaging;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Tests.Messaging;
using NurtureHealth.Tests.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Benchmarks;

/// <summary>
/// Dispatch by provider and node count: N first emails due at once, sent by 1 or 2 real <c>nurture run</c> processes on
/// one database through an SMTP relay that answers each message 20 ms late (a relay's round trip). The rate is read
/// from the database (sent touches over the span of their <c>sent_at</c>), so node start-up is not counted. In the same
/// run, the ceiling: a plain loop that renders the same messages from the same templates and sends them through the same
/// sender, as many at once as all the nodes together, with no database or scheduling. <c>--sender file</c> sends to the
/// file outbox instead of the relay, where the database's share of the work shows.
/// </summary>
internal static class NodesBenchmark
{
    public static int Run(BenchArguments a, string provider, int nodes)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nurture-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return MeasureAsync(a, provider, nodes, folder).GetAwaiter().GetResult();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(BenchArguments a, string provider, int nodes, string folder)
    {
        var postgres = provider == "postgres";
        var storage = postgres
            ? new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = await (await PostgreSqlServer.GetAsync()).CreateDatabaseAsync("bench") }
            : new StorageOptions { ConnectionString = $"Data Source={Path.Combine(folder, "nurture.db")}" };
        await using var relay = new ScriptedSmtpServer(ScriptedSmtpServer.Fault.AnswerLate, TimeSpan.FromMilliseconds(20));
        var locations = Path.Combine(folder, "locations");
        var zone = DispatchBenchmark.MiddayZone();
        var points = DispatchBenchmark.WriteLocations(locations, 20, zone, new Random(a.Seed));
        var settings = new Dictionary<string, string?>
        {
            ["Nurture:Storage:Provider"] = storage.Provider.ToString(),
            ["Nurture:Storage:ConnectionString"] = storage.ConnectionString,
            ["Nurture:Locations:Path"] = locations,
            ["Nurture:Templates:Path"] = Path.Combine(DispatchBenchmark.RepoRoot(), "templates"),
            ["Nurture:Inbox:Enabled"] = "false",
            ["Nurture:Outbox:Path"] = Path.Combine(folder, "outbox"),
            ["Nurture:Links:BaseUrl"] = "https://nurture.bench.example",
            ["Nurture:Links:SigningKey"] = "benchmark-signing-key-0123456789-abcdef",
            ["Nurture:Dispatch:Parallelism"] = a.Parallelism.ToString(CultureInfo.InvariantCulture),
            ["Nurture:Dispatch:MaxIdle"] = "00:00:01",
            ["Nurture:Scheduling:MaxMessagesPerWeek"] = "50",
        };

        if (!a.FileOutbox)
        {
            settings["Nurture:Smtp:Host"] = "127.0.0.1";
            settings["Nurture:Smtp:Port"] = relay.Port.ToString(CultureInfo.InvariantCulture);
            settings["Nurture:Smtp:Security"] = "None";
        }

        // The leads, imported and enrolled before any node starts: every first email is due now.
        var leads = Path.Combine(folder, "leads.ndjson");
        WriteLeads(leads, a.Leads, points, a.Seed);
        using (var setup = Build(settings))
        {
            await using var db = await setup.Services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync();
            await NurtureDatabase.MigrateAsync(db);
            setup.Services.GetRequiredService<LeadImporter>().ImportFile(leads);
            await setup.Services.GetRequiredService<Enroller>().EnrollPendingAsync();
        }

        var processes = Enumerable.Range(0, nodes).Select(_ => StartNode(settings)).ToList();
        var rate = 0.0;
        var sent = 0;
        try
        {
            using var reader = Build(settings);
            var factory = reader.Services.GetRequiredService<IDbContextFactory<NurtureDbContext>>();
            var watch = Stopwatch.StartNew();
            while (true)
            {
                await using var db = await factory.CreateDbContextAsync();
                var waiting = await db.Touches.CountAsync(t => t.StepIndex == 0 && t.Status != TouchStatus.Sent && t.Status != TouchStatus.Skipped && t.Status != TouchStatus.Failed);
                if (waiting == 0)
                {
                    var times = await db.Touches.Where(t => t.StepIndex == 0 && t.Status == TouchStatus.Sent).Select(t => t.SentAt!.Value).ToListAsync();
                    sent = times.Count;
                    rate = sent / (times.Max() - times.Min()).TotalSeconds;
                    break;
                }

                if (watch.Elapsed > TimeSpan.FromMinutes(10) || processes.Any(p => p.HasExited))
                {
                    throw new InvalidOperationException($"the nodes did not finish: {waiting} first emails not sent after {watch.Elapsed}");
                }

                await Task.Delay(200);
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill();
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }

        var ceiling = await CeilingAsync(settings, a.Parallelism * nodes);
        var sender = a.FileOutbox ? "the file outbox (one .eml file per email)" : "an SMTP relay answering 20 ms after each message";
        Console.WriteLine($"Dispatch by provider and nodes: {sent:N0} first emails due at once, sent to {sender}, {a.Parallelism} sends at once per node (the ceiling: {a.Parallelism * nodes}); " +
                          $".NET {Environment.Version}, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| provider | nodes | sender | dispatch | ceiling (render + send, no database) | dispatch / ceiling |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {nodes} | {(a.FileOutbox ? "file outbox" : "SMTP relay, 20 ms")} | {rate:N0} emails/s | {ceiling:N0} emails/s | {rate / ceiling:P0} |"));
        return 0;
    }

    /// <summary>The ceiling: the same messages rendered and sent through the same senders, <paramref name="parallelism"/> at once, with no database or scheduling.</summary>
    private static async Task<double> CeilingAsync(Dictionary<string, string?> settings, int parallelism)
    {
        using var host = Build(settings);
        var services = host.Services;
        List<(Touch Touch, Enrollment Enrollment, Contact Contact)> work;
        await using (var db = await services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync())
        {
            work = (await db.Touches.AsNoTracking().Where(t => t.StepIndex == 0 && t.Status == TouchStatus.Sent)
                    .Join(db.Enrollments, t => t.EnrollmentId, e => e.Id, (t, e) => new { t, e })
                    .Join(db.Contacts, x => x.t.ContactId, c => c.Id, (x, c) => new { x.t, x.e, c }).ToListAsync())
                .Select(x => (x.t, x.e, x.c)).ToList();
        }

        var composer = services.GetRequiredService<MessageComposer>();
        var senders = services.GetRequiredService<MessageSenders>();
        var group = services.GetRequiredService<LocationCatalog>().Group;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) =>
        {
            var message = composer.Render(item.Touch, item.Enrollment, item.Contact, group, group.Find(item.Touch.LocationId)!, firstSms: false, template: item.Touch.Template);
            await senders.SendAsync(message, item.Touch.Id);
        });
        return work.Count / watch.Elapsed.TotalSeconds;
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddNurtureHealth(builder.Configuration);
        return builder.Build();
    }

    private static Process StartNode(Dictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nurture.dll"));
        start.ArgumentList.Add("run");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Nurture__Http__Urls"] = "http://127.0.0.1:0";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Email-only leads whose sequences start with an email (skin-guide, smile-consult), one person each.</summary>
    private static void WriteLeads(string path, int count, List<GeoPoint> near, int seed)
    {
        var random = new Random(seed);
        string[] lines = ["dermatology", "dental-implants"];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var p = near[random.Next(near.Count)];
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $$$"""{"id":"n-{{{i}}}","submitted_at":"2026-11-20T15:04:05Z","source":"guide-download","service_line":"{{{lines[random.Next(2)]}}}","first_name":"Pat","email":"n{{{i}}}@example.com","phone":null,"lat":{{{p.Lat:F5}}},"lon":{{{p.Lon:F5}}},"language":"en","consent":{"email":true,"sms":false,"at":"2026-11-20T15:04:05Z"}}"""));
            writer.Write('\n');
        }
    }
}
