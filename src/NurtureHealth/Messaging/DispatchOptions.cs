using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Messaging;

/// <summary>The dispatch job (<c>Nurture:Dispatch</c>).</summary>
public sealed class DispatchOptions
{
    /// <summary>Touches claimed per batch (default 200).</summary>
    [Range(1, 10_000, ErrorMessage = "Nurture:Dispatch:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a claim holds before another run may take the touch back (default 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00", ErrorMessage = "Nurture:Dispatch:Lease must be between 00:00:10 and 01:00:00.")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The job looks for due touches at least this often, even when none is known to be due (default 60 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Nurture:Dispatch:MaxIdle must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan MaxIdle { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Messages rendered and sent at once (default 4).</summary>
    [Range(1, 64, ErrorMessage = "Nurture:Dispatch:Parallelism must be between 1 and 64.")]
    public int Parallelism { get; set; } = 4;

    /// <summary>Attempts before a transient failure becomes a failure (default 5; waits 1 min, 5 min, 30 min, 2 h between).</summary>
    [Range(1, 20, ErrorMessage = "Nurture:Dispatch:MaxAttempts must be between 1 and 20.")]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Most touches one run of the job handles before it yields to the scheduler (default 100,000).</summary>
    [Range(1, 10_000_000, ErrorMessage = "Nurture:Dispatch:MaxPerRun must be between 1 and 10000000.")]
    public int MaxPerRun { get; set; } = 100_000;
}
