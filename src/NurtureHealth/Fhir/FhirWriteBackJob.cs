using Quartz;

namespace NurtureHealth.Fhir;

/// <summary>Thin: one write-back run; a server failure is logged, shown on /health, and retried at the next interval.</summary>
[DisallowConcurrentExecution]
public sealed class FhirWriteBackJob(FhirWriteBack writeBack, FhirConfirmations confirmations) : IJob
{
    /// <summary>The job.</summary>
    public static readonly JobKey Key = new("fhir-write-back", "nurture");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await writeBack.RunAsync(cancellationToken);
            await confirmations.RunAsync(cancellationToken);
        }
        catch (FhirUnavailableException)
        {
            // Already logged in words and shown on /health; the pending rows are tried again at the next interval.
        }
    }
}
