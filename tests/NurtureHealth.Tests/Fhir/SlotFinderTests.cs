using System.Net;
using System.Net.Sockets;
using NurtureHealth.Fhir;

namespace NurtureHealth.Tests.Fhir;

public sealed class SlotFinderTests
{
    [Fact]
    public async Task NextFree_ServerUnreachable_IsEmptySoTheTemplateFallsBack_AndSaysWhyWithoutThrowing()
    {
        using var services = new NurtureServices(new() { ["Nurture:Fhir:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/fhir" });
        var location = Some.Location("here", 41.9, -87.6) with { FhirId = "loc-1" };
        var provider = Some.Provider("doc") with { FhirId = "prac-7" };

        var slots = await services.Get<SlotFinder>().NextFreeAsync(location, provider, CancellationToken.None);

        Assert.Empty(slots);
        Assert.Contains(services.Log.Lines, l => l.Contains("Open slots for Practitioner/prac-7 unavailable (the server cannot be reached)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NextFree_NoFhirIdAnywhere_AsksNothing()
    {
        using var services = new NurtureServices(new() { ["Nurture:Fhir:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/fhir" });

        var slots = await services.Get<SlotFinder>().NextFreeAsync(Some.Location("here", 41.9, -87.6), Some.Provider("doc"), CancellationToken.None);

        Assert.Empty(slots);
        Assert.DoesNotContain(services.Log.Lines, l => l.Contains("Open slots", StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: connections are refused
    }
}
