using System.Globalization;
using System.Text;
using NurtureHealth.Locations;

namespace NurtureHealth.Benchmarks;

/// <summary>A made-up clinic group of M locations at random ZIP centroids of the continental US, written as location files.</summary>
internal static class SyntheticGroup
{
    public static readonly string[] ServiceLines = ["dermatology", "cosmetic-dermatology", "dental-implants", "clear-aligners"];

    private static readonly Dictionary<string, string[]> Specialties = new()
    {
        ["dermatology"] = ["dermatology"],
        ["cosmetic-dermatology"] = ["cosmetic-dermatology"],
        ["dental-implants"] = ["prosthodontics", "periodontics", "oral-surgery"],
        ["clear-aligners"] = ["orthodontics"],
    };

    public static List<(string Zip, GeoPoint Point)> ContinentalZips() =>
        ZipCentroids.Census2021.All.Where(z => z.Centroid.Lat is > 24.5 and < 49.5 && z.Centroid.Lon is > -125 and < -66.9).OrderBy(z => z.Zip, StringComparer.Ordinal).ToList();

    public static void Write(string folder, int count, Random random, IReadOnlyList<(string Zip, GeoPoint Point)> zips)
    {
        Directory.CreateDirectory(folder);
        var group = new StringBuilder("name: Benchmark Health\nservice_lines:\n");
        foreach (var line in ServiceLines)
        {
            group.Append(CultureInfo.InvariantCulture, $"  {line}: {{ specialties: [{string.Join(", ", Specialties[line])}] }}\n");
        }

        group.Append("lead_sources: [web-form, guide-download, ad-click, webinar-signup]\n");
        File.WriteAllText(Path.Combine(folder, "group.yaml"), group.ToString());

        for (var i = 0; i < count; i++)
        {
            var id = $"loc-{i:D5}";
            var (zip, point) = zips[random.Next(zips.Count)];
            var lines = ServiceLines.Where(_ => random.NextDouble() < 0.6).DefaultIfEmpty("dermatology").ToArray();
            var yaml = new StringBuilder();
            yaml.Append(CultureInfo.InvariantCulture, $"""
                id: {id}
                name: Benchmark Health — {id}
                active: {(random.NextDouble() < 0.97 ? "true" : "false")}
                timezone: America/Chicago
                position: {"{"} lat: {point.Lat:R}, lon: {point.Lon:R} {"}"}
                address: {"{"} line1: 1 Main St, city: Somewhere, state: IL, postal_code: "{zip}" {"}"}
                phone: "+13125550100"
                booking_url: https://book.example.org/{id}
                service_lines: [{string.Join(", ", lines)}]
                providers:

                """);
            var p = 0;
            foreach (var line in lines)
            {
                for (var k = 0; k < 2; k++, p++)
                {
                    var spec = Specialties[line][random.Next(Specialties[line].Length)];
                    var languages = random.NextDouble() < 0.3 ? "[en, es]" : "[en]";
                    yaml.Append(CultureInfo.InvariantCulture, $"  - {{ id: {id}-p{p}, name: Dr {p}, specialties: [{spec}], languages: {languages}, accepting_new_patients: {(random.NextDouble() < 0.85 ? "true" : "false")} }}\n");
                }
            }

            Directory.CreateDirectory(Path.Combine(folder, id));
            File.WriteAllText(Path.Combine(folder, id, "location.yaml"), yaml.ToString());
        }
    }

    /// <summary>N NDJSON lead lines: random continental ZIPs (70%) or coordinates near them, unique email and phone each.</summary>
    public static void WriteLeads(string path, int count, Random random, IReadOnlyList<(string Zip, GeoPoint Point)> zips)
    {
        string[] areaCodes = ["312", "773", "602", "480", "317", "212", "415", "213", "305", "404", "214", "713", "206", "303", "617", "702", "503", "612", "314", "816"];
        string[] sources = ["web-form", "guide-download", "ad-click", "webinar-signup"];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var phones = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var (zip, point) = zips[random.Next(zips.Count)];
            string phone;
            do
            {
                phone = $"({areaCodes[random.Next(areaCodes.Length)]}) {random.Next(200, 1000)}-{random.Next(0, 10000):D4}";
            }
            while (!phones.Add(phone));

            var position = random.NextDouble() < 0.7
                ? $"\"postal_code\":\"{zip}\",\"lat\":null,\"lon\":null"
                : string.Create(CultureInfo.InvariantCulture, $"\"postal_code\":null,\"lat\":{point.Lat + ((random.NextDouble() - 0.5) * 0.2):F5},\"lon\":{point.Lon + ((random.NextDouble() - 0.5) * 0.2):F5}");
            var language = random.NextDouble() < 0.3 ? "es" : "en";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $$$"""{"id":"bench-{{{i:D7}}}","submitted_at":"2026-11-{{{1 + random.Next(20):D2}}}T15:04:05Z","source":"{{{sources[random.Next(4)]}}}","service_line":"{{{ServiceLines[random.Next(4)]}}}","interest":"consultation","first_name":"Pat","last_name":"Lee","email":"pat{{{i}}}@example.com","phone":"{{{phone}}}",{{{position}}},"language":"{{{language}}}","preferred_location":null,"consent":{"email":true,"sms":true,"sms_text":"I agree to receive texts. Reply STOP to opt out.","at":"2026-11-20T15:04:05Z"}}"""));
            writer.Write('\n');
        }
    }
}
