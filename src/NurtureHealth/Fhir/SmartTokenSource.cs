using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NurtureHealth.Fhir;

/// <summary>
/// NurtureHealth's access token for the FHIR server, from the token endpoint by the client credentials grant (SMART
/// Backend Services): kept until <see cref="FhirAuthOptions.RenewBefore"/> ahead of its expiry, then asked for again.
/// One caller at a time asks; the others wait for its answer, so many requests at once make one token request.
/// </summary>
internal sealed partial class SmartTokenSource(
    IHttpClientFactory clients,
    IOptions<FhirAuthOptions> auth,
    IOptions<FhirOptions> fhir,
    TimeProvider clock,
    ILogger<SmartTokenSource> logger) : IDisposable
{
    /// <summary>The named HttpClient the token endpoint and the SMART configuration are read with (no FHIR auth on it).</summary>
    public const string ClientName = "fhir-token";

    private const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private readonly SemaphoreSlim _asking = new(1, 1);
    private Issued? _current;
    private Uri? _tokenUrl;
    private SmartSigningKey? _key;

    /// <summary>A token that is not due for renewal, asking the token endpoint only when there is none.</summary>
    /// <exception cref="SmartTokenException">No token could be had; the message says why.</exception>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        await _asking.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } another)
            {
                return another;
            }

            var issued = await RequestAsync(cancellationToken);
            Volatile.Write(ref _current, issued);
            return issued.Token;
        }
        finally
        {
            _asking.Release();
        }
    }

    /// <summary>Forgets <paramref name="token"/> (the server refused it), unless a newer one has already replaced it.</summary>
    public void Drop(string token)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Token == token)
        {
            Interlocked.CompareExchange(ref _current, null, current);
        }
    }

    public void Dispose()
    {
        _asking.Dispose();
        _key?.Dispose();
    }

    private string? Fresh() => Volatile.Read(ref _current) is { } issued && clock.GetUtcNow() < issued.RenewAt ? issued.Token : null;

    private async Task<Issued> RequestAsync(CancellationToken cancellationToken)
    {
        var o = auth.Value;
        var url = _tokenUrl ??= string.IsNullOrWhiteSpace(o.TokenUrl) ? await DiscoverAsync(cancellationToken) : new Uri(o.TokenUrl);
        var asked = clock.GetUtcNow();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = o.Scopes };
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (o.UsesKey)
        {
            _key ??= SmartSigningKey.Load(o.PrivateKeyFile!, o.KeyId);
            form["client_assertion_type"] = JwtBearer;
            form["client_assertion"] = _key.CreateAssertion(o.ClientId!, url, asked);
        }
        else
        {
            // RFC 6749 §2.3.1: the id and the secret are form-encoded before they are joined.
            var pair = $"{WebUtility.UrlEncode(o.ClientId)}:{WebUtility.UrlEncode(o.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }

        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var answer = await SendAsync(request, url, "token endpoint", cancellationToken);
        var body = await answer.Content.ReadAsStringAsync(cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            var (status, error) = ((int)answer.StatusCode, SmartTokenAnswer.ErrorCode(body));
            LogRefused(logger, url, status, error ?? "");
            var code = error is null ? $"{status}" : $"{status} {error}";
            throw new SmartTokenException(status switch
            {
                400 or 401 or 403 => $"the token endpoint refused our client ({code}): check Nurture:Fhir:Auth",
                404 => $"the token endpoint {url.GetLeftPart(UriPartial.Path)} was not found (404): check Nurture:Fhir:Auth:TokenUrl",
                _ => $"the token endpoint answered {code}",
            });
        }

        var (token, type, lifetime) = SmartTokenAnswer.Read(body);
        if (token is null)
        {
            throw new SmartTokenException("the token endpoint's answer has no access_token");
        }

        if (type is not null && !type.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw new SmartTokenException($"the token endpoint issued a {type} token; NurtureHealth sends Bearer tokens");
        }

        // A lifetime no longer than RenewBefore would be renewed at once, every request: use half of it instead.
        var keep = lifetime > o.RenewBefore ? lifetime - o.RenewBefore : lifetime / 2;
        var issued = new Issued(token, asked + keep);
        LogIssued(logger, url, (int)lifetime.TotalSeconds, issued.RenewAt);
        return issued;
    }

    /// <summary>The token endpoint, from <c>{BaseUrl}/.well-known/smart-configuration</c> (read once).</summary>
    private async Task<Uri> DiscoverAsync(CancellationToken cancellationToken)
    {
        var url = new Uri($"{fhir.Value.BaseUrl?.TrimEnd('/')}/.well-known/smart-configuration");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var answer = await SendAsync(request, url, "SMART configuration", cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            throw new SmartTokenException($"the SMART configuration at {url} answered {(int)answer.StatusCode}: set Nurture:Fhir:Auth:TokenUrl");
        }

        try
        {
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken));
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("token_endpoint", out var endpoint)
                && Uri.TryCreate(endpoint.GetString(), UriKind.Absolute, out var found) && found.Scheme is "https" or "http")
            {
                LogDiscovered(logger, found);
                return found;
            }
        }
        catch (JsonException e)
        {
            throw new SmartTokenException($"the SMART configuration at {url} is not JSON: set Nurture:Fhir:Auth:TokenUrl", e);
        }

        throw new SmartTokenException($"the SMART configuration at {url} names no token_endpoint: set Nurture:Fhir:Auth:TokenUrl");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Uri url, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SmartTokenException($"the {what} {url.GetLeftPart(UriPartial.Path)} cannot be reached", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmartTokenException($"the {what} {url.GetLeftPart(UriPartial.Path)} did not answer in time", e);
        }
    }

    private sealed record Issued(string Token, DateTimeOffset RenewAt);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "FHIR access token issued by {TokenUrl}, valid {Seconds} s, renewed from {RenewAt:u}")]
    private static partial void LogIssued(ILogger logger, Uri tokenUrl, int seconds, DateTimeOffset renewAt);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "The token endpoint {TokenUrl} gave no token: {Status} {Error}")]
    private static partial void LogRefused(ILogger logger, Uri tokenUrl, int status, string error);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Information, Message = "The FHIR server's SMART configuration names its token endpoint {TokenUrl}")]
    private static partial void LogDiscovered(ILogger logger, Uri tokenUrl);
}
