using Microsoft.Extensions.Logging;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>
/// The two channels as dispatch uses them: hand one message to its sender, or ask the sender after a crash whether a
/// touch went. Whatever a send does becomes that touch's outcome: senders classify what they know (sent, provably not
/// sent, refused, may have gone), and anything they throw instead is Uncertain — it may have left before the sender
/// failed — so it is never sent again and never aborts the other sends of the batch.
/// </summary>
public sealed partial class MessageSenders(IEmailSender email, ISmsSender sms, ILogger<MessageSenders> logger)
{
    /// <summary>Sends one rendered message; never throws.</summary>
    internal async Task<SendResult> SendAsync(Rendered message, long touchId)
    {
        try
        {
            // Sends are not cancelled half-way: a message either goes and is recorded, or does not go.
            return message.Email is not null
                ? await email.SendAsync(message.Email, CancellationToken.None)
                : await sms.SendAsync(message.Sms!, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogSenderFailed(logger, touchId, e.GetType().FullName ?? e.GetType().Name, $"{e.TargetSite?.DeclaringType?.Name}.{e.TargetSite?.Name}");
            return new SendResult(SendStatus.Uncertain, null, $"the sender failed unexpectedly ({e.GetType().Name}); it may or may not have gone");
        }
    }

    /// <summary>True when the sender confirms the touch went, false when it certainly did not, null when it cannot say.</summary>
    public async Task<bool?> WasSentAsync(long touchId, Channel channel, CancellationToken cancellationToken) =>
        (channel == Channel.Sms ? sms : (object)email) is ISendReconciler reconciler ? await reconciler.WasSentAsync(touchId, channel, cancellationToken) : null;

    // Type and place only: an exception's message may quote a server's reply, and a server's reply may quote the address.
    [LoggerMessage(EventId = 3010, Level = LogLevel.Error,
        Message = "The sender failed unexpectedly on touch {TouchId} ({Error} in {Where}); the touch is recorded uncertain and not sent again")]
    private static partial void LogSenderFailed(ILogger logger, long touchId, string error, string where);
}
