using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Outbox;

namespace NurtureHealth.Tests.Messaging;

/// <summary>
/// Wraps the real file outbox at the sender seam: counts every send per touch, and can "crash the
/// process" after a number of sends (an exception no sender code catches).
/// </summary>
internal sealed class RecordingSender(FileOutbox outbox) : IEmailSender, ISmsSender, ISendReconciler
{
    private readonly Dictionary<long, int> _sends = [];
    private int _crashAfter = int.MaxValue;

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

    public void CrashAfter(int sends) => _crashAfter = sends;

    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var n = Count(email.TouchId);
        var result = await outbox.SendAsync(email, cancellationToken);
        return n == _crashAfter ? throw new SimulatedCrash() : result;
    }

    public async Task<SendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        var n = Count(sms.TouchId);
        var result = await outbox.SendAsync(sms, cancellationToken);
        return n == _crashAfter ? throw new SimulatedCrash() : result;
    }

    public Task<bool?> WasSentAsync(long touchId, Channel channel, CancellationToken cancellationToken) => outbox.WasSentAsync(touchId, channel, cancellationToken);

    /// <summary>Counts a send; past the crash point the process is already dead and nothing more goes out.</summary>
    private int Count(long touchId)
    {
        lock (_sends)
        {
            var n = _sends.Values.Sum() + 1;
            if (n > _crashAfter)
            {
                throw new SimulatedCrash();
            }

            _sends[touchId] = _sends.GetValueOrDefault(touchId) + 1;
            return n;
        }
    }
}

internal sealed class SimulatedCrash : Exception
{
    public SimulatedCrash()
        : base("the process died")
    {
    }
}
