using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NurtureHealth.Fhir;

namespace NurtureHealth.Tests.Fhir;

/// <summary><c>Nurture:Fhir:Auth</c> is checked at start, and each mistake is named — never by showing a secret.</summary>
public sealed class FhirAuthOptionsTests : IDisposable
{
    private readonly TempFolder _keys = new();

    [Fact]
    public void Start_WithAKeyButNoClientId_IsRefusedNamingClientId()
    {
        using var key = RSA.Create(2048);

        var failures = Failures(("Auth:PrivateKeyFile", _keys.Write("key.pem", key.ExportPkcs8PrivateKeyPem())));

        Assert.Contains(failures, f => f.StartsWith("Nurture:Fhir:Auth:ClientId is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_WithBothAKeyAndASecret_IsRefused_WithoutSayingTheSecret()
    {
        using var key = RSA.Create(2048);

        var failures = Failures(("Auth:ClientId", "nurture"), ("Auth:PrivateKeyFile", _keys.Write("key.pem", key.ExportPkcs8PrivateKeyPem())), ("Auth:ClientSecret", "hush-hush"));

        Assert.Contains(failures, f => f.StartsWith("Nurture:Fhir:Auth:PrivateKeyFile and Nurture:Fhir:Auth:ClientSecret are both set", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("hush-hush", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_WithAClientIdAlone_IsRefusedAskingForAKeyOrSecret()
    {
        var failures = Failures(("Auth:ClientId", "nurture"));

        Assert.Contains("Nurture:Fhir:Auth needs Nurture:Fhir:Auth:PrivateKeyFile (SMART Backend Services) or Nurture:Fhir:Auth:ClientSecret.", failures);
    }

    [Fact]
    public void Start_WithAuthAndAStaticBearerToken_IsRefused()
    {
        var failures = Failures(("Auth:ClientId", "nurture"), ("Auth:ClientSecret", "hush-hush"), ("BearerToken", "a-long-lived-token"));

        Assert.Contains(failures, f => f.StartsWith("Nurture:Fhir:BearerToken and Nurture:Fhir:Auth are both set", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_WithAMissingKeyFile_IsRefusedNamingTheFile()
    {
        var missing = _keys.File("nowhere.pem");

        var failures = Failures(("Auth:ClientId", "nurture"), ("Auth:PrivateKeyFile", missing));

        Assert.Contains($"Nurture:Fhir:Auth:PrivateKeyFile: {missing} does not exist.", failures);
    }

    [Fact]
    public void Start_WithAP256Key_IsRefusedNamingTheCurveAndTheFile()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = _keys.Write("p256.pem", key.ExportPkcs8PrivateKeyPem());

        var failures = Failures(("Auth:ClientId", "nurture"), ("Auth:PrivateKeyFile", file));

        Assert.Contains($"Nurture:Fhir:Auth:PrivateKeyFile: {file} holds an EC key on curve P-256; SMART's ES384 needs P-384 (openssl ecparam -name secp384r1).", failures);
    }

    [Fact]
    public void Start_WithA1024BitRsaKey_IsRefused()
    {
        using var key = RSA.Create(1024);
        var file = _keys.Write("small.pem", key.ExportPkcs8PrivateKeyPem());

        var failures = Failures(("Auth:ClientId", "nurture"), ("Auth:PrivateKeyFile", file));

        Assert.Contains($"Nurture:Fhir:Auth:PrivateKeyFile: {file} holds a 1024-bit RSA key; SMART needs at least 2048 bits.", failures);
    }

    [Fact]
    public void Start_WithAPublicKeyFile_IsRefusedSayingItIsNotAPrivateKey()
    {
        using var key = RSA.Create(2048);
        var file = _keys.Write("public.pem", key.ExportSubjectPublicKeyInfoPem());

        var failures = Failures(("Auth:ClientId", "nurture"), ("Auth:PrivateKeyFile", file));

        Assert.Contains($"Nurture:Fhir:Auth:PrivateKeyFile: {file} holds a PUBLIC KEY, not a private key.", failures);
    }

    [Fact]
    public void Start_WithOpensslEcparamOutput_ReadsTheKeyAfterTheParameters()
    {
        // `openssl ecparam -name secp384r1 -genkey` writes the curve's parameters first, then a SEC1 key.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var file = _keys.Write("ec.pem", $"-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n{key.ExportECPrivateKeyPem()}\n");

        Assert.Empty(Failures(("Auth:ClientId", "nurture"), ("Auth:PrivateKeyFile", file)));
    }

    [Fact]
    public void Start_WithoutAuth_NeedsNothing()
    {
        Assert.Empty(Failures());
    }

    public void Dispose() => _keys.Dispose();

    /// <summary>What start-up validation says about these settings, each under <c>Nurture:Fhir</c>.</summary>
    private static List<string> Failures(params (string Key, string Value)[] fhir)
    {
        var settings = fhir.ToDictionary(a => $"Nurture:Fhir:{a.Key}", a => (string?)a.Value);
        settings["Nurture:Fhir:BaseUrl"] = "https://ehr.test.example/fhir";
        using var services = new NurtureServices(settings);
        try
        {
            _ = services.Get<IOptions<FhirAuthOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
    }
}
