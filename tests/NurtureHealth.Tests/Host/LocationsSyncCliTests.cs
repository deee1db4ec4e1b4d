using System.Net;
using System.Net.Sockets;

namespace NurtureHealth.Tests.Host;

/// <summary><c>nurture locations sync</c> when it cannot do its job: it says why, in words, and exits with a code scripts can tell apart.</summary>
public sealed class LocationsSyncCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public LocationsSyncCliTests()
    {
        _temp.Write("locations/group.yaml", File.ReadAllText(Path.Combine(TestPaths.Locations, "group.yaml")));
        _temp.Write("locations/chicago-pilsen/location.yaml", File.ReadAllText(Path.Combine(TestPaths.Locations, "chicago-pilsen", "location.yaml")));
    }

    [Fact]
    public void Sync_FhirServerNotListening_ExitsThreeSaysWhyAndWritesNothing()
    {
        var before = File.ReadAllText(_temp.File("locations/chicago-pilsen/location.yaml"));
        var baseUrl = $"http://127.0.0.1:{ClosedPort()}/fhir";

        var result = NurtureProcess.Run(_temp.Path, new Dictionary<string, string> { ["Nurture__Fhir__BaseUrl"] = baseUrl }, "locations", "sync", "--locations", "locations");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith($"Cannot read the clinic's locations from the FHIR server at {baseUrl}: the server cannot be reached", result.Stderr);
        Assert.Contains("Check Nurture:Fhir:BaseUrl and that the server is up; nothing was written.", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr); // no stack trace
        Assert.Equal(before, File.ReadAllText(_temp.File("locations/chicago-pilsen/location.yaml")));
        Assert.False(File.Exists(_temp.File("locations/chicago-pilsen/.fhir-sync.yaml")));
    }

    [Fact]
    public void Sync_NoFhirServerConfigured_IsAConfigurationError()
    {
        var result = NurtureProcess.Run(_temp.Path, new Dictionary<string, string> { ["Nurture__Fhir__BaseUrl"] = "" }, "locations", "sync", "--locations", "locations");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Nurture:Fhir:BaseUrl is not set", result.Stderr);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }

    public void Dispose() => _temp.Dispose();
}
