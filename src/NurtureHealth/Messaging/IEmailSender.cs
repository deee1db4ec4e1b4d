namespace NurtureHealth.Messaging;

/// <summary>Sends email. Where the outside world starts: the file outbox, SMTP.</summary>
public interface IEmailSender
{
    /// <summary>Sends one email.</summary>
    Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
