using System.Collections.Concurrent;

namespace NurtureHealth.Messaging;

/// <summary>
/// This process as a dispatcher: its name on the leases it takes, which of its sends are in flight (so recovery never
/// takes them), and whether the database has refused its last writes (outcomes waiting to be recorded) — what
/// <c>/health</c> reports.
/// </summary>
public sealed class DispatchNode
{
    private readonly ConcurrentDictionary<long, byte> _inFlight = new();
    private readonly Lock _lock = new();
    private (DateTimeOffset Since, string Why)? _writeFailing;
    private SemaphoreSlim? _sendSlots;

    /// <summary>This process's name on the leases it takes.</summary>
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Touches whose send is in flight in this process.</summary>
    public IReadOnlyCollection<long> InFlight => _inFlight.Keys.ToList();

    /// <summary>Since when, and why, the database has refused dispatch's writes; null while writes succeed.</summary>
    public (DateTimeOffset Since, string Why)? WriteFailing
    {
        get
        {
            lock (_lock)
            {
                return _writeFailing;
            }
        }
    }

    /// <summary>The node's send slots: <paramref name="parallelism"/> sends at once across every batch in flight here.</summary>
    internal SemaphoreSlim SendSlots(int parallelism) => LazyInitializer.EnsureInitialized(ref _sendSlots, () => new SemaphoreSlim(parallelism, parallelism));

    internal void SendStarted(long touchId) => _inFlight[touchId] = 0;

    internal void SendFinished(long touchId) => _inFlight.TryRemove(touchId, out _);

    internal void WriteFailed(DateTimeOffset at, string why)
    {
        lock (_lock)
        {
            _writeFailing = (_writeFailing?.Since ?? at, why);
        }
    }

    internal void WriteSucceeded()
    {
        lock (_lock)
        {
            _writeFailing = null;
        }
    }
}
