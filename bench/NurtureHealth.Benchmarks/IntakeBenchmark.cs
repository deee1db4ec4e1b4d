using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Storage;

namespace NurtureHealth.Benchmarks;

/// <summary>
/// Resolution (k-d tree against a brute-force scan, same inputs, same run) and intake end to end
/// (parse, validate, normalise, resolve, store) against the raw prepared-insert ceiling for the same rows.
/// </summary>
internal static class IntakeBenchmark
{
    public static int Run(BenchArguments a)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nurture-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            return Measure(a, folder);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Measure(BenchArguments a, string folder)
    {
        var random = new Random(a.Seed);
        var zips = SyntheticGroup.ContinentalZips();
        var locationsPath = Path.Combine(folder, "locations");
        var leadsPath = Path.Combine(folder, "leads.ndjson");
        SyntheticGroup.Write(locationsPath, a.Locations, random, zips);
        SyntheticGroup.WriteLeads(leadsPath, a.Leads, random, zips);
        var warmupPath = Path.Combine(folder, "warmup.ndjson");
        File.WriteAllLines(warmupPath, File.ReadLines(leadsPath).Take(Math.Min(5_000, a.Leads)));

        var load = Stopwatch.StartNew();
        var group = ClinicGroupLoader.Load(locationsPath);
        var resolver = new LocationResolver(group, ZipCentroids.Census2021, new ResolutionOptions());
        load.Stop();

        // Inputs for resolution: every valid lead's placement, positions looked up once.
        var validator = new LeadValidator(group, TimeProvider.System);
        var parseNs = BestOf(1, a.Leads, () => LeadFileReader.Open(leadsPath).Records.Count());
        var validateNs = BestOf(1, a.Leads, () => LeadFileReader.Open(leadsPath).Records.Count(r => validator.Validate(r.Draft!, r.Line, out _) is not null)) - parseNs;
        var requests = LeadFileReader.Open(leadsPath).Records.Select(r => validator.Validate(r.Draft!, r.Line, out _)!.ToPlacement()).ToArray();
        var points = requests.Select(r => r.Position ?? (ZipCentroids.Census2021.TryFind(r.PostalCode, out var p) ? p : default)).ToArray();
        var lines = requests.Select(r => r.ServiceLine).ToArray();

        var indexes = SyntheticGroup.ServiceLines.ToDictionary(l => l, l => new SpatialIndex<Location>(
            group.Locations.Where(x => x.Active && x.Offers(l)).OrderBy(x => x.Id, StringComparer.Ordinal).Select(x => (x.Position, x)).ToList()));
        var scans = SyntheticGroup.ServiceLines.ToDictionary(l => l, l =>
            group.Locations.Where(x => x.Active && x.Offers(l)).OrderBy(x => x.Id, StringComparer.Ordinal).ToArray());

        var nearestIndex = new Location[points.Length];
        var nearestScan = new Location[points.Length];
        var indexNs = BestOf(3, points.Length, () =>
        {
            for (var i = 0; i < points.Length; i++)
            {
                indexes[lines[i]].TryNearest(points[i], out nearestIndex[i], out _);
            }
        });
        var scanNs = BestOf(3, points.Length, () =>
        {
            for (var i = 0; i < points.Length; i++)
            {
                nearestScan[i] = Scan(scans[lines[i]], points[i]);
            }
        });
        var resolveNs = BestOf(3, requests.Length, () =>
        {
            foreach (var request in requests)
            {
                resolver.Resolve(request);
            }
        });
        var mismatches = Enumerable.Range(0, points.Length).Count(i => !ReferenceEquals(nearestIndex[i], nearestScan[i]));

        // Intake end to end, after a warm-up import into a throwaway database, with the heap as a worker would have it.
        nearestIndex = nearestScan = [];
        GC.Collect();
        Import(Path.Combine(folder, "warmup.db"), locationsPath, warmupPath);
        var intakeDb = Path.Combine(folder, "intake.db");
        var pauseBefore = GC.GetTotalPauseDuration();
        var (intakeSeconds, report) = Import(intakeDb, locationsPath, leadsPath);
        var gcPause = GC.GetTotalPauseDuration() - pauseBefore;

        var (rawSeconds, rows) = RawInsert(intakeDb, Path.Combine(folder, "raw.db"));

        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var intakeRate = a.Leads / intakeSeconds;
        var rawRate = a.Leads / rawSeconds;
        Print(a, group, load.Elapsed, indexNs, scanNs, resolveNs, mismatches, report, intakeRate, rawRate, rows, peakMb, gcPause.TotalSeconds / intakeSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stages measured alone, per lead: read and parse {parseNs:N0} ns, validate and normalise {validateNs:N0} ns, resolve {resolveNs:N0} ns; ") +
                          string.Create(CultureInfo.InvariantCulture, $"intake end to end {1e9 / intakeRate:N0} ns (reading runs beside writing, so the writer sets the pace)."));
        return mismatches == 0 ? 0 : 1;
    }

    private static (double Seconds, ImportReport Report) Import(string database, string locations, string leads)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nurture:Storage:ConnectionString"] = $"Data Source={database}",
            ["Nurture:Locations:Path"] = locations,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddNurtureHealth(config).BuildServiceProvider();
        using (var db = services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContext())
        {
            NurtureDatabase.MigrateAsync(db).GetAwaiter().GetResult();
        }

        var importer = services.GetRequiredService<LeadImporter>();
        _ = services.GetRequiredService<LocationCatalog>().Resolver; // load the files before the clock starts
        var watch = Stopwatch.StartNew();
        var report = importer.ImportFile(leads);
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, report);
    }

    /// <summary>The ceiling: the rows intake wrote, inserted again with prepared statements in one transaction.</summary>
    private static (double Seconds, int Rows) RawInsert(string source, string target)
    {
        using (var db = new NurtureDbContext(NurtureDatabase.SqliteOptions($"Data Source={target}")))
        {
            NurtureDatabase.MigrateAsync(db).GetAwaiter().GetResult();
        }

        var imports = ReadAll(source, "imports");
        var contacts = ReadAll(source, "contacts");
        var leads = ReadAll(source, "leads");
        using var connection = new SqliteConnection($"Data Source={target}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
            pragma.ExecuteNonQuery();
        }

        var watch = Stopwatch.StartNew();
        using (var transaction = connection.BeginTransaction())
        {
            InsertAll(connection, transaction, "imports", imports);
            InsertAll(connection, transaction, "contacts", contacts);
            InsertAll(connection, transaction, "leads", leads);
            transaction.Commit();
        }

        watch.Stop();
        return (watch.Elapsed.TotalSeconds, contacts.Rows.Count + leads.Rows.Count);
    }

    private static (string[] Columns, List<object[]> Rows) ReadAll(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY id";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return (columns, rows);
    }

    private static void InsertAll(SqliteConnection connection, SqliteTransaction transaction, string table, (string[] Columns, List<object[]> Rows) data)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", data.Columns)}) VALUES ({string.Join(", ", data.Columns.Select((_, i) => $"@p{i}"))})";
        var parameters = data.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"@p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in data.Rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i];
            }

            command.ExecuteNonQuery();
        }
    }

    private static Location Scan(Location[] candidates, GeoPoint point)
    {
        Location best = null!;
        var bestKm = double.PositiveInfinity;
        foreach (var location in candidates)
        {
            var km = point.DistanceKmTo(location.Position);
            if (km < bestKm)
            {
                best = location;
                bestKm = km;
            }
        }

        return best;
    }

    private static double BestOf(int runs, int count, Action body)
    {
        body(); // warm-up
        var best = double.MaxValue;
        for (var r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            body();
            best = Math.Min(best, watch.Elapsed.TotalNanoseconds / count);
        }

        return best;
    }

    private static void Print(BenchArguments a, ClinicGroup group, TimeSpan load, double indexNs, double scanNs, double resolveNs, int mismatches,
        ImportReport report, double intakeRate, double rawRate, int rawRows, double peakMb, double gcShare)
    {
        static string N(double v, string format = "N0") => v.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"Intake and resolution: {N(a.Leads)} leads over {N(group.Locations.Count)} locations (seed {a.Seed}), " +
                          $".NET {Environment.Version}, {Environment.ProcessorCount} cores, {RuntimeInfo()}");
        Console.WriteLine();
        Console.WriteLine("| measure | result | target |");
        Console.WriteLine("|---|---:|---|");
        Console.WriteLine($"| nearest location, k-d tree | {N(indexNs, "N0")} ns/lead | ≤ 2,000 ns/lead |");
        Console.WriteLine($"| nearest location, brute-force scan (same leads) | {N(scanNs, "N0")} ns/lead | |");
        Console.WriteLine($"| speed-up of the index over the scan | {N(scanNs / indexNs, "N1")}× | ≥ 20× |");
        Console.WriteLine($"| full resolve (ZIP lookup, index, provider match) | {N(resolveNs, "N0")} ns/lead | |");
        Console.WriteLine($"| index and scan disagree | {mismatches} of {N(a.Leads)} | 0 |");
        Console.WriteLine($"| intake end to end (read, parse, validate, normalise, resolve, store) | {N(intakeRate)} leads/s | ≥ 20,000 leads/s |");
        Console.WriteLine($"| raw prepared INSERT ceiling, same {N(rawRows)} rows, one transaction | {N(rawRate)} leads/s | |");
        Console.WriteLine($"| intake as a share of the ceiling | {N(intakeRate / rawRate * 100, "N0")}% | ≥ 40% |");
        Console.WriteLine($"| share of intake time spent in GC pauses | {N(gcShare * 100, "N0")}% | |");
        Console.WriteLine($"| peak working set (whole benchmark process) | {N(peakMb)} MB | |");
        Console.WriteLine($"| loading {N(group.Locations.Count)} location files and building the index | {N(load.TotalMilliseconds)} ms | |");
        Console.WriteLine();
        Console.WriteLine($"Import: {N(report.Accepted)} accepted ({N(report.Merged)} merged), {N(report.Rejected)} rejected; " +
                          $"{N(report.ResolvedByLocation.Values.Sum())} placed, {N(report.UnresolvedByReason.Values.Sum())} unresolved.");
    }

    private static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.OSDescription;
}
