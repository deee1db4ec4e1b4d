using Quartz;

namespace NurtureHealth.Privacy;

/// <summary>Runs <see cref="Retention"/> once a day (one node at a time on PostgreSQL).</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(Retention retention) : IJob
{
    /// <summary>The job.</summary>
    public static readonly JobKey Key = new("retention", "nurture");

    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await retention.PurgeAsync(cancellationToken);
}
