using System.Text.RegularExpressions;
using NurtureHealth.Tests;

namespace NurtureHealth.IntegrationTests.Servers;

/// <summary>
/// A one-location copy of the sample group for tests on the real clock: Lincoln Park, moved to a fixed-offset
/// time zone where it is early afternoon now, open every day, no holidays — so its send windows are open
/// whenever the tests run.
/// </summary>
internal sealed class MiddayClinic : IDisposable
{
    public MiddayClinic(string staffEmail = "staff@lincoln-park.lakeshorehealth.example")
    {
        Directory.CreateDirectory(Path.Combine(Folder, "chicago-lincoln-park"));
        var group = File.ReadAllText(Path.Combine(TestPaths.Locations, "group.yaml"));
        File.WriteAllText(Path.Combine(Folder, "group.yaml"), Regex.Replace(group, "^holidays:.*$", "", RegexOptions.Multiline));
        var location = File.ReadAllText(Path.Combine(TestPaths.Locations, "chicago-lincoln-park", "location.yaml"));
        location = location.Replace("timezone: America/Chicago", $"timezone: {Zone}", StringComparison.Ordinal);
        location = Regex.Replace(location, @"^  (mon|tue|wed|thu|fri|sat|sun): .*$", "  $1: \"08:00-20:00\"", RegexOptions.Multiline);
        location = Regex.Replace(location, @"^staff_email: .*\n", "", RegexOptions.Multiline);
        location = location.Replace("service_lines:", $"sms_from: \"{SmsNumber}\"\nstaff_email: {staffEmail}\nservice_lines:", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Folder, "chicago-lincoln-park", "location.yaml"), location);
    }

    /// <summary>Records a provider's FHIR Practitioner id in the location file.</summary>
    public void SetProviderFhirId(string provider, string fhirId)
    {
        var file = Path.Combine(Folder, "chicago-lincoln-park", "location.yaml");
        var text = File.ReadAllText(file);
        var entry = $"  - id: {provider}\n";
        Assert.Contains(entry, text);
        File.WriteAllText(file, text.Replace(entry, $"{entry}    fhir_id: {fhirId}\n", StringComparison.Ordinal));
    }

    public const string SmsNumber = "+13125550142";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "nurture-it", Guid.NewGuid().ToString("N"));

    /// <summary>Etc/GMT zones have inverted signs: Etc/GMT+5 is UTC-5.</summary>
    public static string Zone
    {
        get
        {
            var hours = 13 - TimeProvider.System.GetUtcNow().Hour;
            hours = hours > 12 ? hours - 24 : hours < -12 ? hours + 24 : hours;
            return hours == 0 ? "Etc/UTC" : $"Etc/GMT{(hours > 0 ? "-" : "+")}{Math.Abs(hours)}";
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
