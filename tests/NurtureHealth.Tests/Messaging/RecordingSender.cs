using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Messaging;

/// <summary>
/// Wraps the real file outbox at the sender seam: counts every send per touch; can "kill the process" after a number
/// of sends (each later send reaches the outbox, then never returns, like a process killed before it could record);
/// and can throw from the sender for chosen touches.
/// </summary>
internal sealed class RecordingSender(FileOutbox outbox) : IEmailSender, ISmsSender, ISendReconciler
{
    private readonly Dictionary<long, int> _sends = [];
    private readonly TaskCompletionSource _never = new();
    private int _dieAfter = int.MaxValue;

    public IReadOnlyDictionary<long, int> Sends
    {
        get
        {
            lock (_sends)
            {
                return new Dictionary<long, int>(_sends);
            }
        }
    }

    /// <summary>Sends past this many reach the outbox and then hang for good: the process died mid-send.</summary>
    public void DieAfter(int sends) => _dieAfter = sends;

    /// <summary>Throws this from the sender (before anything is written) for the touches it picks.</summary>
    public Func<long, Exception?> Throw { get; set; } = _ => null;

    /// <summary>Each send, once written to the outbox, waits for this before returning (a slow channel).</summary>
    public Task Hold { get; set; } = Task.CompletedTask;

    /// <summary>False: like SMTP, the sender cannot say after a crash whether a message went.</summary>
    public bool Reconciles { get; set; } = true;

    /// <summary>Sends that have reached the outbox and not yet returned.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    private int _inFlight;

    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        if (Throw(email.TouchId ?? 0) is { } exception)
        {
            throw exception;
        }

        var n = Count(email.TouchId ?? 0);
        return await Finish(n, await outbox.SendAsync(email, cancellationToken));
    }

    public async Task<SendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        if (Throw(sms.TouchId) is { } exception)
        {
            throw exception;
        }

        var n = Count(sms.TouchId);
        return await Finish(n, await outbox.SendAsync(sms, cancellationToken));
    }

    public Task<bool?> WasSentAsync(long touchId, Channel channel, CancellationToken cancellationToken) =>
        Reconciles ? outbox.WasSentAsync(touchId, channel, cancellationToken) : Task.FromResult<bool?>(null);

    private async Task<SendResult> Finish(int n, SendResult result)
    {
        Interlocked.Increment(ref _inFlight);
        if (n > _dieAfter)
        {
            await _never.Task; // never returns
        }

        await Hold;
        Interlocked.Decrement(ref _inFlight);
        return result;
    }

    private int Count(long touchId)
    {
        lock (_sends)
        {
            _sends[touchId] = _sends.GetValueOrDefault(touchId) + 1;
            return _sends.Values.Sum();
        }
    }
}
