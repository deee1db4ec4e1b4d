using NurtureHealth.Touches;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>
/// In the demo, work that arrives (a booking planning its confirmation, a reply) only marks that the dispatch job is
/// wanted; the lock-step loop wakes it itself, at a moment it chooses, so no fire races the simulated clock.
/// </summary>
internal sealed class DemoWakes : IWorkArrived
{
    private volatile bool _wanted;

    public void Arrived() => _wanted = true;

    /// <summary>True once, after work arrived.</summary>
    public bool Take()
    {
        var wanted = _wanted;
        _wanted = false;
        return wanted;
    }
}
