using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Templates;

namespace NurtureHealth.Tests;

/// <summary>Test data: small groups, locations, providers and lead records, with sensible defaults.</summary>
internal static class Some
{
    /// <summary>The sample group shipped in locations/, loaded once.</summary>
    public static readonly ClinicGroup ShippedGroup = ClinicGroupLoader.Load(TestPaths.Locations);

    private static readonly Lazy<TemplateLibrary> ShippedTemplates = new(() => TemplateLibrary.Load(TestPaths.Templates, TestPaths.Locations));

    /// <summary>The shipped words of a language (<c>templates/_strings/LANG.yaml</c>).</summary>
    public static ContentStrings Words(string language) => ShippedTemplates.Value.StringsFor(language);

    public static readonly DateTimeOffset Now = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    public static readonly Dictionary<string, ServiceLine> ServiceLines = new()
    {
        ["dermatology"] = new ServiceLine("dermatology", "Medical dermatology", ["dermatology"]),
        ["cosmetic-dermatology"] = new ServiceLine("cosmetic-dermatology", "Cosmetic dermatology", ["cosmetic-dermatology"]),
        ["dental-implants"] = new ServiceLine("dental-implants", "Dental implants", ["prosthodontics", "periodontics", "oral-surgery"]),
        ["clear-aligners"] = new ServiceLine("clear-aligners", "Clear aligners", ["orthodontics"]),
    };

    public static Provider Provider(string id, string specialty = "dermatology", string[]? languages = null, bool accepting = true) =>
        new(id, $"Dr {id}", "Dermatologist", [specialty], languages ?? ["en"], accepting);

    public static Location Location(string id, double lat, double lon, string[]? lines = null, bool active = true, params Provider[] providers) =>
        Location(id, lat, lon, "America/Chicago", lines, active, providers);

    public static Location Location(string id, double lat, double lon, string zone, string[]? lines = null, bool active = true, params Provider[] providers) =>
        new(id, $"Test — {id}", active, TimeZoneInfo.FindSystemTimeZoneById(zone), new GeoPoint(lat, lon),
            new PostalAddress("1 Main St", null, "Chicago", "IL", "60614"), "+13125550100", new Uri($"https://book.example.org/{id}"),
            lines ?? ["dermatology"], OpeningHours.Unknown,
            providers.Length == 0 ? [Provider($"{id}-doc")] : providers);

    public static ClinicGroup Group(params Location[] locations) =>
        new("Test Group", ServiceLines, ["web-form", "guide-download", "ad-click", "webinar-signup"], locations);

    public static LocationResolver Resolver(ClinicGroup group, double maxKm = 80) =>
        new(group, ZipCentroids.Census2021, new ResolutionOptions { MaxDistanceKm = maxKm });

    public static PlacementRequest Placement(
        string serviceLine = "dermatology", double? lat = null, double? lon = null, string? zip = null,
        string language = "en", string? preferred = null, string key = "someone@example.com") =>
        new("lead-1", serviceLine, lat is null ? null : new GeoPoint(lat.Value, lon!.Value), zip, language, preferred, key);

    /// <summary>A valid lead record as a draft; override any field by name (null removes it).</summary>
    public static LeadDraft Draft(params (string Field, string? Value)[] overrides)
    {
        var draft = new LeadDraft
        {
            ["id"] = "web-000001",
            ["submitted_at"] = "2026-11-20T15:04:05Z",
            ["source"] = "guide-download",
            ["service_line"] = "dermatology",
            ["interest"] = "eczema",
            ["first_name"] = "Maria",
            ["last_name"] = "Lopez",
            ["email"] = "maria@example.com",
            ["phone"] = "(312) 555-0100",
            ["postal_code"] = "60614",
            ["language"] = "es",
            ["consent.email"] = "true",
            ["consent.sms"] = "true",
            ["consent.sms_text"] = "I agree to receive texts from Lakeshore Health. Reply STOP to opt out.",
            ["consent.at"] = "2026-11-20T15:04:05Z",
        };
        foreach (var (field, value) in overrides)
        {
            draft[field] = value;
        }

        return draft;
    }

    /// <summary>One NDJSON line for a lead; fields given as JSON fragments override the defaults.</summary>
    public static string NdjsonLine(string id, string email = "maria@example.com", string phone = "(312) 555-0100", string extra = "") =>
        $$"""{"id":"{{id}}","submitted_at":"2026-11-20T15:04:05Z","source":"guide-download","service_line":"dermatology","first_name":"Maria","last_name":"Lopez","email":{{(email.Length == 0 ? "null" : $"\"{email}\"")}},"phone":{{(phone.Length == 0 ? "null" : $"\"{phone}\"")}},"postal_code":"60614","language":"es"{{extra}}}""";
}
