using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NurtureHealth.Fhir;
using Task = System.Threading.Tasks.Task;

namespace NurtureHealth.Tests.Fhir;

/// <summary>
/// NurtureHealth fetching its own access tokens (SMART Backend Services, or a client id and secret) from a real token
/// endpoint over loopback, and sending them on real Firely calls to a FHIR endpoint that needs them.
/// </summary>
public sealed class SmartBackendServicesTests : IAsyncLifetime
{
    private const string ClientId = "nurturehealth-test";
    private readonly TempFolder _keys = new();
    private readonly List<NurtureServices> _clinics = [];
    private SmartServer _server = null!;

    public async Task InitializeAsync() => _server = await SmartServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var clinic in _clinics)
        {
            clinic.Dispose();
        }

        await _server.DisposeAsync();
        _keys.Dispose();
    }

    [Fact]
    public async Task Search_WithAnRsaKey_SignsRs384_GetsATokenAndTheServerAnswers()
    {
        using var key = RSA.Create(2048);
        var clinic = Clinic(("PrivateKeyFile", KeyFile(key, "nurture-2026")), ("KeyId", "nurture-2026"));

        var bundle = await SearchAsync(clinic);

        Assert.Equal("p1", bundle.Entry.Single().Resource?.Id);
        Assert.Empty(_server.Refusals);
        Assert.Equal(1, _server.TokenRequests);
        Assert.Equal(FhirAuthOptions.DefaultScopes, _server.Scopes.Single());
        var header = Header(_server.Assertions.Single());
        Assert.Equal(("RS384", "JWT", "nurture-2026"), (header["alg"], header["typ"], header["kid"]));
    }

    [Fact]
    public async Task Search_WithAnEcP384Key_SignsEs384_GetsATokenAndTheServerAnswers()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var clinic = Clinic(("PrivateKeyFile", KeyFile(key)));

        var bundle = await SearchAsync(clinic);

        Assert.Equal("p1", bundle.Entry.Single().Resource?.Id);
        Assert.Empty(_server.Refusals);
        var header = Header(_server.Assertions.Single());
        Assert.Equal("ES384", header["alg"]);
        Assert.False(header.ContainsKey("kid"));
    }

    [Fact]
    public async Task Search_WithoutTokenUrl_ReadsTheTokenEndpointFromTheSmartConfigurationOnce()
    {
        using var key = RSA.Create(2048);
        var clinic = Clinic(("PrivateKeyFile", KeyFile(key)), ("TokenUrl", null));

        await SearchAsync(clinic);
        _server.RevokeAll();
        await SearchAsync(clinic);

        Assert.Equal(2, _server.TokenRequests);
        Assert.Equal(1, _server.Discoveries);
        Assert.Empty(_server.Refusals);
    }

    [Fact]
    public async Task ManySearchesAtOnce_AskForOneToken()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var clinic = Clinic(("PrivateKeyFile", KeyFile(key)));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SearchAsync(clinic)));
        await SearchAsync(clinic);

        Assert.Equal(21, _server.FhirRequests);
        Assert.Equal(1, _server.TokenRequests);
    }

    [Theory]
    [InlineData(300, 240)]
    [InlineData(null, 240)]
    [InlineData(600, 540)]
    public async Task Token_OnceExpiryLessRenewBeforeIsReached_IsAskedForAgain(int? expiresIn, int renewedAfterSeconds)
    {
        _server.ExpiresIn = expiresIn;
        using var key = RSA.Create(2048);
        var clinic = Clinic(("PrivateKeyFile", KeyFile(key)));

        await SearchAsync(clinic);
        clinic.Clock.Advance(TimeSpan.FromSeconds(renewedAfterSeconds - 1));
        await SearchAsync(clinic);
        Assert.Equal(1, _server.TokenRequests);

        clinic.Clock.Advance(TimeSpan.FromSeconds(1));
        await SearchAsync(clinic);

        Assert.Equal(2, _server.TokenRequests);
        Assert.Empty(_server.Refusals);
    }

    [Fact]
    public async Task Search_WhenTheServerRevokedTheToken_GetsANewOneAndRetriesOnce()
    {
        using var key = RSA.Create(2048);
        var clinic = Clinic(("PrivateKeyFile", KeyFile(key)));
        await SearchAsync(clinic);

        _server.RevokeAll();
        var bundle = await SearchAsync(clinic);

        Assert.Equal("p1", bundle.Entry.Single().Resource?.Id);
        Assert.Equal(2, _server.TokenRequests);
        Assert.Equal(3, _server.FhirRequests);
    }

    [Fact]
    public async Task LeadsPoll_SignedWithAKeyTheEhrDoesNotKnow_FailsSayingTheTokenEndpointRefusedUs_WithoutTheAssertion()
    {
        using var registered = RSA.Create(2048);
        using var other = RSA.Create(2048);
        KeyFile(registered);
        var clinic = Clinic(("PrivateKeyFile", _keys.Write("other.pem", other.ExportPkcs8PrivateKeyPem())));

        var e = await Assert.ThrowsAsync<FhirUnavailableException>(() => clinic.Get<FhirLeadPoller>().PollAsync());

        const string Why = "the token endpoint refused our client (400 invalid_client): check Nurture:Fhir:Auth";
        Assert.NotEmpty(_server.Refusals); // the CapabilityStatement read before the poll asks too
        Assert.All(_server.Refusals, r => Assert.Equal("signature does not verify with the registered key", r));
        Assert.Equal(Why, e.Reason);
        Assert.IsType<SmartTokenException>(e.InnerException);
        var health = await clinic.Get<FhirStatus>().CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains($"leads: {Why}", health.Description, StringComparison.Ordinal);
        Assert.Equal(0, _server.FhirRequests);
        Assert.All(_server.Assertions, assertion =>
        {
            Assert.DoesNotContain(assertion.Split('.')[2], e.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(clinic.Log.Lines, l => l.Contains(assertion.Split('.')[2], StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Search_WithAClientSecret_SendsItAsHttpBasic_AndNeverLogsIt()
    {
        const string Secret = "s3cret: with spaces & symbols+";
        _server.RegisterSecret(ClientId, Secret);
        var clinic = Clinic(("ClientSecret", Secret));

        var bundle = await SearchAsync(clinic);

        Assert.Equal("p1", bundle.Entry.Single().Resource?.Id);
        Assert.Empty(_server.Refusals);
        Assert.Empty(_server.Assertions);
        Assert.DoesNotContain(clinic.Log.Lines, l => l.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_WithAWrongClientSecret_FailsWithTheOAuthError_NotTheSecret()
    {
        _server.RegisterSecret(ClientId, "the-right-secret");
        var clinic = Clinic(("ClientSecret", "the-wrong-secret"));

        var e = await Assert.ThrowsAsync<SmartTokenException>(() => SearchAsync(clinic));

        Assert.True(FhirErrors.IsExpected(e));
        Assert.Equal("the token endpoint refused our client (400 invalid_client): check Nurture:Fhir:Auth", FhirErrors.Describe(e));
        Assert.DoesNotContain("the-wrong-secret", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(clinic.Log.Lines, l => l.Contains("the-wrong-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_WithATokenUrlNobodyAnswers_FailsAsAnExpectedFhirErrorNamingIt()
    {
        using var key = RSA.Create(2048);
        var closed = $"http://127.0.0.1:{ClosedPort()}/token";
        var clinic = Clinic(("PrivateKeyFile", KeyFile(key)), ("TokenUrl", closed));

        var e = await Assert.ThrowsAsync<SmartTokenException>(() => SearchAsync(clinic));

        Assert.True(FhirErrors.IsExpected(e));
        Assert.Equal($"the token endpoint {closed} cannot be reached", FhirErrors.Describe(e));
        Assert.Equal(0, _server.FhirRequests);
    }

    [Fact]
    public async Task Search_WithATokenUrlThatIsNotThere_SaysToCheckTokenUrl()
    {
        using var key = RSA.Create(2048);
        var clinic = Clinic(("PrivateKeyFile", KeyFile(key)), ("TokenUrl", $"{_server.Root}/nowhere"));

        var e = await Assert.ThrowsAsync<SmartTokenException>(() => SearchAsync(clinic));

        Assert.Equal($"the token endpoint {_server.Root}/nowhere was not found (404): check Nurture:Fhir:Auth:TokenUrl", FhirErrors.Describe(e));
    }

    [Fact]
    public async Task Search_WithAStaticBearerToken_SendsItAndAsksForNoToken()
    {
        _server.StaticToken = "a-long-lived-token";
        var clinic = new NurtureServices(new() { ["Nurture:Fhir:BaseUrl"] = _server.BaseUrl, ["Nurture:Fhir:BearerToken"] = "a-long-lived-token" });
        _clinics.Add(clinic);

        var bundle = await SearchAsync(clinic);

        Assert.Equal("p1", bundle.Entry.Single().Resource?.Id);
        Assert.Equal(0, _server.TokenRequests);
    }

    /// <summary>The clinic's services against the server, as client <see cref="ClientId"/>; an auth setting given null is left out.</summary>
    private NurtureServices Clinic(params (string Key, string? Value)[] auth)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Nurture:Fhir:BaseUrl"] = _server.BaseUrl,
            ["Nurture:Fhir:Auth:ClientId"] = ClientId,
            ["Nurture:Fhir:Auth:TokenUrl"] = _server.TokenUrl,
        };
        foreach (var (key, value) in auth)
        {
            settings[$"Nurture:Fhir:Auth:{key}"] = value;
        }

        var clinic = new NurtureServices(settings.Where(s => s.Value is not null).ToDictionary());
        _clinics.Add(clinic);
        _server.Clock = clinic.Clock;
        return clinic;
    }

    /// <summary>Registers the key's public half with the EHR and writes its private half to a PEM file, as an operator would.</summary>
    private string KeyFile(AsymmetricAlgorithm key, string? keyId = null)
    {
        _server.RegisterKey(ClientId, key, keyId);
        return _keys.Write($"{Guid.NewGuid():N}.pem", key.ExportPkcs8PrivateKeyPem());
    }

    private static async System.Threading.Tasks.Task<Bundle> SearchAsync(NurtureServices clinic) =>
        await clinic.Get<FhirConnection>().Open().SearchAsync<Patient>(new SearchParams()) ?? throw new InvalidOperationException("no Bundle");

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Dictionary<string, string?> Header(string assertion) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(Base64Url.DecodeFromChars(assertion.Split('.')[0]))!;
}
