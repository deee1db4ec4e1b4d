using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace NurtureHealth.Messaging.Sms;

/// <summary>
/// Sends SMS with Twilio's REST API: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, form-encoded,
/// Basic auth (API key, or account SID and auth token), with a status callback. 429 and 5xx are retried
/// by the HTTP pipeline honouring Retry-After, and so is a request that could not connect; what is still
/// failing after that is retried later by dispatch. A request that may have reached Twilio without an
/// answer (a timeout, a dropped connection) is Uncertain and never sent again. A rate limit per sending
/// number keeps a burst within what the number is registered for.
/// </summary>
/// <remarks>
/// Twilio error codes: 21610 — the recipient replied STOP at the carrier (opt-out); 21211, 21612, 21614,
/// 21635 — the number cannot receive SMS (suppressed; email goes on); anything else fails the message
/// with its code kept.
/// </remarks>
public sealed class TwilioSmsSender(IHttpClientFactory clients, IOptions<TwilioOptions> options, IOptions<LinksOptions> links) : ISmsSender, IDisposable
{
    /// <summary>The named HttpClient (with its retry pipeline).</summary>
    public const string ClientName = "twilio";

    private static readonly int[] CannotReceive = [21211, 21612, 21614, 21635];
    private readonly ConcurrentDictionary<string, RateLimiter> _limits = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<SendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var service = sms.MessagingServiceSid ?? (string.IsNullOrWhiteSpace(o.MessagingServiceSid) ? null : o.MessagingServiceSid);
        var limiter = _limits.GetOrAdd(service ?? sms.From, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Floor(o.MessagesPerSecond)),
            TokensPerPeriod = Math.Max(1, (int)Math.Floor(o.MessagesPerSecond)),
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, Math.Floor(o.MessagesPerSecond)) / o.MessagesPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        using var lease = await limiter.AcquireAsync(1, cancellationToken);

        var fields = new List<KeyValuePair<string, string>>
        {
            new("To", sms.To),
            new("Body", sms.Body),
            new("StatusCallback", $"{links.Value.BaseUrl.TrimEnd('/')}/twilio/status"),
        };
        fields.Add(service is null ? new("From", sms.From) : new("MessagingServiceSid", service));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{o.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{o.AccountSid}/Messages.json")
        {
            Content = new FormUrlEncodedContent(fields),
        };
        var (user, secret) = string.IsNullOrEmpty(o.ApiKeySid) ? (o.AccountSid!, o.AuthToken!) : (o.ApiKeySid, o.ApiKeySecret!);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (NeverSent(e))
        {
            return new SendResult(SendStatus.Transient, null, $"Twilio unreachable: {e.HttpRequestError}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            // The request may have reached Twilio, which then created the message: asking again could text the patient twice.
            return new SendResult(SendStatus.Uncertain, null, $"no answer from Twilio ({(e is HttpRequestException h ? h.HttpRequestError.ToString() : "timed out")}); the message may have been created");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return SendResult.Accepted(Property(body, "sid") ?? "");
            }

            var code = int.TryParse(Property(body, "code"), out var c) ? c : (int?)null;
            var detail = $"Twilio {(int)response.StatusCode}{(code is null ? "" : $" error {code}")}";
            return response.StatusCode switch
            {
                _ when code == 21610 => new SendResult(SendStatus.OptedOut, null, $"{detail}: the recipient has opted out"),
                _ when code is { } k && CannotReceive.Contains(k) => new SendResult(SendStatus.Undeliverable, null, $"{detail}: the number cannot receive SMS"),
                HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError => new SendResult(SendStatus.Transient, null, detail),
                _ => new SendResult(SendStatus.Permanent, null, detail),
            };
        }
    }

    /// <summary>
    /// True when the request provably never left: no connection could be made (refused, no route, no name, TLS failed),
    /// so Twilio cannot have created a message and asking again is safe.
    /// </summary>
    public static bool NeverSent(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
            or HttpRequestError.ProxyTunnelError;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var limiter in _limits.Values)
        {
            limiter.Dispose();
        }
    }

    private static string? Property(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null; // not JSON (a proxy's error page): the status code alone decides
        }
    }
}
