namespace NurtureHealth.Touches;

/// <summary>
/// Work for the nurture cycle arrived: leads to enroll, or next steps to plan (a channel stopped, a wait's event came).
/// Raised once its change is committed — by the lead importer for every intake path, by subscriptions, by event
/// recording — so the worker turns the cycle now instead of at its next look. Never blocks; a tool that runs no worker
/// ignores it.
/// </summary>
public interface IWorkArrived
{
    /// <summary>Says that work is waiting now.</summary>
    void Arrived();
}
