using System.Net;
using Microsoft.Extensions.Logging;

namespace NurtureHealth.Fhir;

/// <summary>
/// Honours a FHIR server that asks us to slow down: a 429 (and, for a read, a 503) is retried after the server's
/// <c>Retry-After</c> (seconds or a date), or after 1, 2, 4 seconds when it gives none, at most <see cref="MaxRetries"/>
/// times. A 429 means the request was not processed, so even a create is safe to send again; a 503 can come from a
/// gateway after the server took the request, so a create is not resent on it. A server that asks for longer than
/// <see cref="MaxWait"/> is not waited for: its answer goes to the caller, which reports it (on <c>/health</c>) and
/// tries again at its next run, as after the last retry.
/// </summary>
public sealed partial class FhirPoliteness(TimeProvider clock, ILogger<FhirPoliteness> logger) : DelegatingHandler
{
    /// <summary>Retries after a 429 or 503.</summary>
    public const int MaxRetries = 3;

    /// <summary>The longest single wait, whatever the server asks: a poll or a send must not hang on one request.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>The longest one request may take; the client's own timeout covers the waits between retries as well.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await AttemptAsync(request, cancellationToken);
            var retry = response.StatusCode == HttpStatusCode.TooManyRequests
                        || (response.StatusCode == HttpStatusCode.ServiceUnavailable && request.Method == HttpMethod.Get);
            if (attempt >= MaxRetries || !retry || Asked(response, clock.GetUtcNow()) > MaxWait)
            {
                return response;
            }

            var wait = WaitBefore(response, attempt, clock.GetUtcNow());
            LogBackingOff(logger, (int)response.StatusCode, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", wait.TotalSeconds, attempt + 1);
            response.Dispose();
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var expiry = new CancellationTokenSource(AttemptTimeout, clock);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        // A span per call: the method and the resource type, never the query (a search names what it looks for).
        using var span = Telemetry.NurtureMetrics.Activities.StartActivity("fhir " + request.Method.Method, System.Diagnostics.ActivityKind.Client);
        span?.SetTag("http.request.method", request.Method.Method);
        span?.SetTag("fhir.resource_type", request.RequestUri?.Segments.Select(s => s.Trim('/')).FirstOrDefault(s => s.Length > 1 && char.IsUpper(s[0]) && char.IsLower(s[1]))); // Patient, not a base path's R4
        try
        {
            var response = await base.SendAsync(request, timeout.Token);
            span?.SetTag("http.response.status_code", (int)response.StatusCode);
            return response;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the FHIR server did not answer within {AttemptTimeout.TotalSeconds} s", e);
        }
    }

    /// <summary>The wait the server's <c>Retry-After</c> asks for, if it gives one.</summary>
    private static TimeSpan? Asked(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };

    /// <summary>How long to wait before retry number <paramref name="attempt"/> + 1: the server's Retry-After, else 1, 2, 4 s; at most <see cref="MaxWait"/>.</summary>
    public static TimeSpan WaitBefore(HttpResponseMessage response, int attempt, DateTimeOffset now)
    {
        var asked = Asked(response, now) ?? TimeSpan.FromSeconds(1 << Math.Min(attempt, 5));
        return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > MaxWait ? MaxWait : asked;
    }

    // The path only: a FHIR query string can hold search values, and those can be PHI.
    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "FHIR server answered {Status} to {Method} {Path}: waiting {Seconds} s before retry {Retry}")]
    private static partial void LogBackingOff(ILogger logger, int status, string method, string path, double seconds, int retry);
}
