namespace NurtureHealth.Touches;

/// <summary>
/// Where a touch is in its life: Scheduled → Ready (its sequence decided what it sends) → Claimed (a lease) → Sending →
/// Sent | Failed | Uncertain, or Cancelled or Skipped with a reason; back to Scheduled when deferred, retried or released.
/// Stored as the lower-case name.
/// </summary>
public enum TouchStatus
{
    /// <summary>Waiting for its due instant.</summary>
    Scheduled,

    /// <summary>Due, and its sequence has decided what it sends (<see cref="Touch.Template"/>): waiting for dispatch.</summary>
    Ready,

    /// <summary>Taken by a dispatch run, under a lease.</summary>
    Claimed,

    /// <summary>Its send is in flight.</summary>
    Sending,

    /// <summary>The channel took it.</summary>
    Sent,

    /// <summary>Not sent and never will be (refused, or out of attempts).</summary>
    Failed,

    /// <summary>The enrollment ended before it went.</summary>
    Cancelled,

    /// <summary>Not sent, on purpose: a condition did not hold, no channel reaches the patient, a wait ended.</summary>
    Skipped,

    /// <summary>It may have gone and nobody can tell: never sent again.</summary>
    Uncertain,
}
