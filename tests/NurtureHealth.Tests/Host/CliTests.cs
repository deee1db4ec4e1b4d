using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NurtureHealth.Tests.Host;

public sealed class CliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Import_ShippedSamples_PrintsAcceptedMergedAndRejectedByReason()
    {
        var result = NurtureProcess.Run("import", "samples/leads.ndjson", "--db", _temp.File("n.db"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("Imported samples/leads.ndjson (ndjson) as import 1", result.Stdout);
        Assert.Contains("382 records: 354 accepted (349 new contacts, 5 merged into a known contact), 28 rejected", result.Stdout);
        Assert.Matches(@"invalid-email\s+2\s+lines \d+, \d+", result.Stdout);
        Assert.Matches(@"not-utf8\s+1\s+line \d+", result.Stdout);
        Assert.Contains("(lead web-000360): email is not a valid address: it needs exactly one @ between a name and a domain", result.Stdout);
        Assert.Matches(@"chicago-lincoln-park\s+\d+\s+Lakeshore Health — Lincoln Park", result.Stdout);
        Assert.Matches(@"unknown-zip\s+2\s+postal code not in the 2021 Census ZCTA list", result.Stdout);
    }

    [Fact]
    public void Import_IdsWithTerminalEscapesAndInvisibleCharacters_ArePrintedEscapedNeverRaw()
    {
        var path = _temp.Write("hostile.ndjson",
            "{\"id\":\"web-1\\u001b[2J\\u001b]0;owned\\u0007\",\"first_name\":\"Ana\"}\n{\"id\":\"web-2\\u202egnp.exe\\u0000\",\"first_name\":\"Bea\"}\n");

        var result = NurtureProcess.Run("import", path, "--db", _temp.File("n.db"));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Stdout);
        Assert.DoesNotContain('\u202e', result.Stdout);
        Assert.DoesNotContain('\0', result.Stdout);
        Assert.Contains("(lead web-1\\u001B[2J\\u001B]0;owned\\u0007)", result.Stdout);
        Assert.Contains("(lead web-2\\u202Egnp.exe\\u0000)", result.Stdout);
    }

    [Fact]
    public void Import_FhirBundleWithPoisonedResources_PrintsTheReportWithEachBadResourceAndItsElement()
    {
        var path = _temp.Write("ehr.json", Fhir.PoisonedLeads.Bundle());

        var result = NurtureProcess.Run("import", path, "--db", _temp.File("n.db"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Contains("4 records: 2 accepted", result.Stdout);
        Assert.Contains("(lead fhir-sr-sr-code): ServiceRequest/sr-code (at entry 3): code is not what FHIR R4 allows there", result.Stdout);
        Assert.Contains("(lead fhir-sr-sr-name): ServiceRequest/sr-name (at entry 5): its Patient/p-name: name is not what FHIR R4 allows there", result.Stdout);
        Assert.DoesNotContain(Fhir.PoisonedLeads.Secret, result.Stdout);
    }

    [Fact]
    public void Import_CsvSample_IsReadToo()
    {
        var result = NurtureProcess.Run("import", "samples/leads.csv", "--db", _temp.File("n.db"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("38 records: 35 accepted", result.Stdout);
        Assert.Contains("the record has 10 fields but the header has 18; quote fields that contain commas", result.Stdout);
    }

    [Fact]
    public void Import_FileWithOnlyBadRecords_StillExitsZero()
    {
        var path = _temp.Write("bad.ndjson", "{not json}\n{\"id\":\"x\"}\n");

        var result = NurtureProcess.Run("import", path, "--db", _temp.File("n.db"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2 records: 0 accepted (0 new contacts, 0 merged into a known contact), 2 rejected", result.Stdout);
    }

    [Fact]
    public void Import_MissingFile_ExitsNonZeroAndSaysWhy()
    {
        var result = NurtureProcess.Run("import", "samples/nope.ndjson", "--db", _temp.File("n.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Cannot import samples/nope.ndjson: samples/nope.ndjson: cannot open the file", result.Stderr);
    }

    [Fact]
    public void Resolve_ShippedSamples_PrintsOneJsonObjectPerRecordInInputOrder()
    {
        var result = NurtureProcess.Run("resolve", "samples/leads.ndjson");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expectedIds = File.ReadAllLines(TestPaths.SampleLeads, Encoding.Latin1).Where(l => l.Trim().Length > 0)
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, "\"id\": \"([^\"]+)\"") is { Success: true } m ? m.Groups[1].Value : null).ToList();
        Assert.Equal(382, lines.Length);
        var rows = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(rows, r => Assert.Equal(["lead_id", "status", "location_id", "provider_id", "distance_km", "reason"], r.EnumerateObject().Select(p => p.Name)));
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].GetProperty("status").GetString() == "resolved")
            {
                Assert.Equal(expectedIds[i], rows[i].GetProperty("lead_id").GetString());
            }
        }

        var guadalupe = rows.Single(r => r.GetProperty("lead_id").GetString() == Find(r2 => r2.Contains("\"first_name\": \"Guadalupe\", \"last_name\": \"Rivera\"", StringComparison.Ordinal)));
        Assert.Equal("phoenix-maryvale", guadalupe.GetProperty("location_id").GetString());
        Assert.Equal("miguel-santos", guadalupe.GetProperty("provider_id").GetString());
        Assert.Contains(rows, r => r.GetProperty("reason").GetString() is { } reason && reason.StartsWith("invalid record at line 21: not a JSON object", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.GetProperty("reason").GetString() == "no position: the lead has neither coordinates nor a postal code");
    }

    [Fact]
    public void Resolve_ThousandRandomPositionsAcrossTheMetros_MatchesABruteForceGreatCircleSearch()
    {
        var group = Some.ShippedGroup;
        var random = new Random(2026);
        var boxes = new[] { (41.60, 42.20, -88.10, -87.50), (33.20, 33.80, -112.40, -111.60), (39.55, 40.10, -86.45, -85.85) };
        var lines = new[] { "dermatology", "cosmetic-dermatology", "dental-implants", "clear-aligners" };
        var expected = new List<(string Id, string Location, double Km)>();
        var file = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            var (minLat, maxLat, minLon, maxLon) = boxes[i % 3];
            var lat = minLat + (random.NextDouble() * (maxLat - minLat));
            var lon = minLon + (random.NextDouble() * (maxLon - minLon));
            var line = lines[random.Next(lines.Length)];
            var id = $"rand-{i}";
            file.Append(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","submitted_at":"2026-11-20T15:04:05Z","source":"web-form","service_line":"{{line}}","first_name":"Pat","email":"p{{i}}@example.com","lat":{{lat:R}},"lon":{{lon:R}}}""").Append('\n');
            var best = group.Locations.Where(l => l.Active && l.Offers(line))
                .Select(l => (l.Id, Km: GreatCircleKm(lat, lon, l.Position.Lat, l.Position.Lon)))
                .OrderBy(x => x.Km).ThenBy(x => x.Id, StringComparer.Ordinal).First();
            expected.Add((id, best.Id, best.Km));
        }

        var result = NurtureProcess.Run("resolve", _temp.Write("random.ndjson", file.ToString()));

        Assert.Equal(0, result.ExitCode);
        var rows = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(1000, rows.Count);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(expected[i].Id, rows[i].GetProperty("lead_id").GetString());
            if (expected[i].Km <= 80)
            {
                Assert.Equal(expected[i].Location, rows[i].GetProperty("location_id").GetString());
                Assert.Equal(expected[i].Km, rows[i].GetProperty("distance_km").GetDouble(), 0.011);
            }
            else
            {
                Assert.Equal("unresolved", rows[i].GetProperty("status").GetString());
            }
        }
    }

    [Fact]
    public void Resolve_BrokenLocationFiles_ExitWithTheFindings()
    {
        _temp.Write("locs/group.yaml", "name: X\nservice_lines: { dermatology: {} }\nlead_sources: [web-form]\n");
        _temp.Write("locs/north/location.yaml", "id: north\ntimezone: Nowhere/Land\n");

        var result = NurtureProcess.Run("resolve", "samples/leads.ndjson", "--locations", _temp.File("locs"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The location files have errors; fix them and run again:", result.Stderr);
        Assert.Contains("location.yaml:2:11: error: timezone 'Nowhere/Land' is not an IANA time zone such as America/Chicago", result.Stderr);
    }

    [Fact]
    public void Demo_RunTwice_PrintsTheSameThing()
    {
        var first = NurtureProcess.Run("demo", "--out", _temp.File("demo"), "--days", "10");
        var second = NurtureProcess.Run("demo", "--out", _temp.File("demo"), "--days", "10");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Contains("NurtureHealth demo — Lakeshore Health: 15 locations (14 active), 43 providers, 3 sequences (ad-click-quick, skin-guide, smile-consult) and 3 appointment journeys (consult-reminders, missed-visit, rebook)", first.Stdout);
        Assert.Contains("Enrolled 374 leads; not enrolled: 7 not placed", first.Stdout);
    }

    [Fact]
    public void DbMigrate_CreatesThenReportsUpToDate()
    {
        var first = NurtureProcess.Run("db", "migrate", "--db", _temp.File("m.db"));
        var second = NurtureProcess.Run("db", "migrate", "--db", _temp.File("m.db"));

        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"^Applied 1 migration\(s\): \d+_Initial$", first.Stdout.Trim());
        Assert.Equal("The database is up to date.", second.Stdout.Trim());
    }

    [Fact]
    public void Run_BadSetting_RefusesToStartAndNamesTheKey()
    {
        var result = NurtureProcess.Run(TestPaths.RepoRoot, new Dictionary<string, string> { ["Nurture__Resolution__MaxDistanceKm"] = "0" }, "run", "--db", _temp.File("r.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Nurture:Resolution:MaxDistanceKm must be between 1 and 20000 km.", result.Stderr);
    }

    private static string Find(Func<string, bool> predicate)
    {
        var line = File.ReadAllLines(TestPaths.SampleLeads).First(predicate);
        return System.Text.RegularExpressions.Regex.Match(line, "\"id\": \"([^\"]+)\"").Groups[1].Value;
    }

    // Independent of the product: haversine written out again here.
    private static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0088;
        double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2));
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }

    public void Dispose() => _temp.Dispose();
}
