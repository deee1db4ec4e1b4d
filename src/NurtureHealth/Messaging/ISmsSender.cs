namespace NurtureHealth.Messaging;

/// <summary>Sends SMS. Where the outside world starts: the file outbox, Twilio.</summary>
public interface ISmsSender
{
    /// <summary>Sends one SMS.</summary>
    Task<SendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken);
}
