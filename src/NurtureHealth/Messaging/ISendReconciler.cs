using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>
/// A sender that can say, after a crash, whether a touch left: used for touches found in Sending.
/// Senders that cannot say leave such touches Uncertain.
/// </summary>
public interface ISendReconciler
{
    /// <summary>True when the touch's message was sent, false when it certainly was not, null when unknown.</summary>
    Task<bool?> WasSentAsync(long touchId, Channel channel, CancellationToken cancellationToken);
}
