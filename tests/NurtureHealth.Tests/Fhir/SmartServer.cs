using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NurtureHealth.Tests.Fhir;

/// <summary>
/// An EHR's SMART Backend Services authorization server and a tiny protected FHIR server, on Kestrel over loopback.
/// The token endpoint checks a client assertion the way a real one does — grant and assertion type, the signature
/// against the registered public key, the registered alg, iss = sub = client id, aud = its own URL, exp in the future
/// and at most 5 minutes ahead, a jti never seen before — or a client id and secret sent as HTTP Basic, and answers
/// 400 invalid_client, saying which check failed, when one does. <c>GET /fhir/Patient</c> needs a token it issued.
/// </summary>
internal sealed class SmartServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (AsymmetricAlgorithm? Key, string? Alg, string? KeyId, string? Secret)> _clients = [];
    private readonly HashSet<string> _jtis = [];
    private readonly Dictionary<string, DateTimeOffset> _issued = [];
    private readonly List<string> _refusals = [];
    private readonly List<string> _assertions = [];
    private readonly List<string> _scopes = [];
    private int _tokenRequests;
    private int _discoveries;
    private int _fhirRequests;

    private SmartServer(WebApplication app) => _app = app;

    /// <summary>The clock exp and token lifetimes are checked against: the clinic's, so both sides agree on "now".</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The expires_in of issued tokens (default 300); null leaves it out of the answer.</summary>
    public int? ExpiresIn { get; set; } = 300;

    /// <summary>A token the FHIR endpoint also accepts, as for a server configured with a long-lived one.</summary>
    public string? StaticToken { get; set; }

    public string Root { get; private set; } = "";

    public string BaseUrl => $"{Root}/fhir";

    public string TokenUrl => $"{Root}/auth/token";

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public int Discoveries => Volatile.Read(ref _discoveries);

    public int FhirRequests => Volatile.Read(ref _fhirRequests);

    /// <summary>Why each refused token request was refused.</summary>
    public IReadOnlyList<string> Refusals => Locked(() => _refusals.ToList());

    /// <summary>Every client assertion received, valid or not.</summary>
    public IReadOnlyList<string> Assertions => Locked(() => _assertions.ToList());

    /// <summary>The scope of each token request.</summary>
    public IReadOnlyList<string> Scopes => Locked(() => _scopes.ToList());

    public static async Task<SmartServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new SmartServer(app);
        app.MapPost("/auth/token", (Delegate)server.TokenAsync);
        app.MapGet("/fhir/.well-known/smart-configuration", server.Configuration);
        app.MapGet("/fhir/Patient", server.Patients);
        await app.StartAsync();
        server.Root = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>Registers a client by the public half of its key, as an EHR's admin does from the client's JWKS.</summary>
    public void RegisterKey(string clientId, AsymmetricAlgorithm privateKey, string? keyId = null)
    {
        AsymmetricAlgorithm publicKey = privateKey is RSA ? RSA.Create() : ECDsa.Create();
        publicKey.ImportSubjectPublicKeyInfo(privateKey.ExportSubjectPublicKeyInfo(), out _);
        Locked(() => _clients[clientId] = (publicKey, privateKey is RSA ? "RS384" : "ES384", keyId, null));
    }

    public void RegisterSecret(string clientId, string secret) => Locked(() => _clients[clientId] = (null, null, null, secret));

    /// <summary>Every token issued so far stops working (the FHIR endpoint answers 401 to them).</summary>
    public void RevokeAll() => Locked(() => { _issued.Clear(); return 0; });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var client in _clients.Values)
        {
            client.Key?.Dispose();
        }
    }

    private async Task<IResult> TokenAsync(HttpContext http)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = await http.Request.ReadFormAsync();
        var now = Clock.GetUtcNow();
        var why = Check(form, http.Request.Headers.Authorization.ToString(), now);
        lock (_lock)
        {
            _scopes.Add(form["scope"].ToString());
            if (why is not null)
            {
                _refusals.Add(why);
                return Results.Json(new { error = "invalid_client", error_description = why }, statusCode: 400);
            }

            var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _issued[token] = now.AddSeconds(ExpiresIn ?? 300);
            return ExpiresIn is { } seconds
                ? Results.Json(new { access_token = token, token_type = "bearer", expires_in = seconds, scope = form["scope"].ToString() })
                : Results.Json(new { access_token = token, token_type = "bearer", scope = form["scope"].ToString() });
        }
    }

    /// <summary>Null when the client is who it says; else why not.</summary>
    private string? Check(IFormCollection form, string authorization, DateTimeOffset now)
    {
        if (form["grant_type"] != "client_credentials")
        {
            return "grant_type is not client_credentials";
        }

        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
            var (id, secret) = (WebUtility.UrlDecode(pair[..pair.IndexOf(':', StringComparison.Ordinal)]), WebUtility.UrlDecode(pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..]));
            return Locked(() => _clients.TryGetValue(id, out var c) && c.Secret is not null && c.Secret == secret) ? null : "unknown client id or wrong secret";
        }

        if (form["client_assertion_type"] != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        {
            return "client_assertion_type is not jwt-bearer";
        }

        var assertion = form["client_assertion"].ToString();
        Locked(() => { _assertions.Add(assertion); return 0; });
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "client_assertion is not a signed JWT";
        }

        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var body = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var claims = body.RootElement;
        var iss = claims.GetProperty("iss").GetString()!;
        var client = Locked(() => _clients.TryGetValue(iss, out var c) ? c : default);
        if (client.Key is not { } key)
        {
            return "iss is not a registered client";
        }

        var alg = header.RootElement.GetProperty("alg").GetString();
        var kid = header.RootElement.TryGetProperty("kid", out var k) ? k.GetString() : null;
        var data = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        var signature = Base64Url.DecodeFromChars(parts[2]);
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        return alg != client.Alg ? $"alg {alg} is not the registered {client.Alg}"
            : client.KeyId is not null && kid != client.KeyId ? $"kid {kid} is not the registered {client.KeyId}"
            : !(key is RSA rsa ? rsa.VerifyData(data, signature, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1)
                : ((ECDsa)key).VerifyData(data, signature, HashAlgorithmName.SHA384, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)) ? "signature does not verify with the registered key"
            : claims.GetProperty("sub").GetString() != iss ? "sub is not iss"
            : claims.GetProperty("aud").GetString() != TokenUrl ? $"aud {claims.GetProperty("aud").GetString()} is not {TokenUrl}"
            : exp <= now ? "exp has passed"
            : exp > now.AddMinutes(5) ? "exp is more than 5 minutes ahead"
            : !Locked(() => _jtis.Add(claims.GetProperty("jti").GetString() ?? "")) ? "jti was used before (replay)"
            : null;
    }

    private IResult Configuration(HttpContext http)
    {
        Interlocked.Increment(ref _discoveries);
        return Results.Json(new
        {
            token_endpoint = TokenUrl,
            token_endpoint_auth_methods_supported = new[] { "private_key_jwt", "client_secret_basic" },
            token_endpoint_auth_signing_alg_values_supported = new[] { "RS384", "ES384" },
            grant_types_supported = new[] { "client_credentials" },
        });
    }

    private IResult Patients(HttpContext http)
    {
        Interlocked.Increment(ref _fhirRequests);
        var authorization = http.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
        var valid = token.Length > 0 && (token == StaticToken || Locked(() => _issued.TryGetValue(token, out var until) && Clock.GetUtcNow() < until));
        if (!valid)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Results.Json(new { resourceType = "OperationOutcome", issue = new[] { new { severity = "error", code = "login" } } },
                statusCode: 401, contentType: "application/fhir+json");
        }

        return Results.Json(new
        {
            resourceType = "Bundle",
            type = "searchset",
            total = 1,
            entry = new[] { new { fullUrl = $"{BaseUrl}/Patient/p1", resource = new { resourceType = "Patient", id = "p1" } } },
        }, contentType: "application/fhir+json");
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }
}
