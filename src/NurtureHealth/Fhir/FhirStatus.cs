using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NurtureHealth.Fhir;

/// <summary>The last outcome of each FHIR poll, for the health endpoint.</summary>
public sealed class FhirStatus : IHealthCheck
{
    private readonly Dictionary<string, (bool Ok, string Message, DateTimeOffset At)> _polls = [];
    private readonly Lock _lock = new();

    public void Succeeded(string poll, string message, DateTimeOffset at)
    {
        lock (_lock)
        {
            _polls[poll] = (true, message, at);
        }
    }

    public void Failed(string poll, string message, DateTimeOffset at)
    {
        lock (_lock)
        {
            _polls[poll] = (false, message, at);
        }
    }

    /// <summary>
    /// A poll the server failed: its check goes Failed with why, and the exception to throw says that nothing was lost —
    /// the watermark did not move, so the next poll reads the same window again.
    /// </summary>
    public FhirUnavailableException PollFailed(string poll, string resources, Exception error, DateTimeOffset at)
    {
        var why = FhirErrors.Describe(error);
        Failed(poll, why, at);
        return new FhirUnavailableException($"Reading {resources} from the FHIR server failed: {why}. Nothing was lost; the next poll reads the same window again.", error)
        {
            Reason = why,
        };
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var failing = _polls.Where(p => !p.Value.Ok).Select(p => $"{p.Key}: {p.Value.Message} (at {p.Value.At:u})").ToList();
            return Task.FromResult(failing.Count == 0
                ? HealthCheckResult.Healthy(_polls.Count == 0 ? "no FHIR poll yet" : "FHIR polls succeed")
                : HealthCheckResult.Degraded(string.Join("; ", failing)));
        }
    }
}
