using Quartz;

namespace NurtureHealth.Fhir;

/// <summary>Thin: polls for leads; a failure is logged, shown on /health, and retried at the next interval.</summary>
[DisallowConcurrentExecution]
public sealed class FhirLeadsJob(FhirLeadPoller poller) : IJob
{
    /// <summary>The job.</summary>
    public static readonly JobKey Key = new("fhir-leads", "nurture");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await poller.PollAsync(cancellationToken);
        }
        catch (FhirUnavailableException)
        {
            // Already logged in words and shown on /health; the next interval reads the same window again.
        }
    }
}
