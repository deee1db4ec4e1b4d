using NurtureHealth.Templates;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>An email ready to go: rendered, addressed, with its unsubscribe link and a Message-ID stable per touch.</summary>
/// <param name="TouchId">The touch this message is; null for a note to a location's staff, which is no touch.</param>
/// <param name="To">The recipient's address.</param>
/// <param name="FromName">The sender's display name: the location's, or the group's for a staff note.</param>
/// <param name="FromAddress">The sender's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Html">The HTML body.</param>
/// <param name="Text">The plain-text body.</param>
/// <param name="UnsubscribeUrl">The one-click unsubscribe link (<c>List-Unsubscribe</c>).</param>
/// <param name="MessageId">The Message-ID, stable per touch (or per hand-off), so a resend is recognisably the same message.</param>
public sealed record OutgoingEmail(
    long? TouchId,
    string To,
    string FromName,
    string FromAddress,
    string Subject,
    string Html,
    string Text,
    string UnsubscribeUrl,
    string MessageId);

/// <summary>An SMS ready to go.</summary>
/// <param name="TouchId">The touch this message is.</param>
/// <param name="To">The patient's number, E.164.</param>
/// <param name="From">The location's number, E.164.</param>
/// <param name="Body">The text.</param>
/// <param name="Size">Its encoding and parts.</param>
/// <param name="MessagingServiceSid">The location's Twilio Messaging Service, when it sends through one instead of <paramref name="From"/>.</param>
public sealed record OutgoingSms(long TouchId, string To, string From, string Body, SmsSize Size, string? MessagingServiceSid = null);

/// <summary>How a send went.</summary>
public enum SendStatus
{
    /// <summary>Accepted by the channel.</summary>
    Sent,

    /// <summary>Provably not sent, may work later (no connection, 4xx from SMTP, 429/5xx from Twilio): retried with backoff.</summary>
    Transient,

    /// <summary>Not sent and never will be as it is: recorded once, not retried.</summary>
    Permanent,

    /// <summary>The address or number cannot receive on this channel (hard bounce; Twilio 21211, 21612, 21614, 21635): it is suppressed, the other channel goes on.</summary>
    Undeliverable,

    /// <summary>The recipient opted out at the carrier (Twilio 21610): recorded as an opt-out of SMS everywhere.</summary>
    OptedOut,

    /// <summary>
    /// The message may have reached the channel and nobody can say (the connection dropped or timed out after the message
    /// was handed over, or the sender failed in a way it cannot classify). Never sent again: at most once wins over at least once.
    /// </summary>
    Uncertain,
}

/// <summary>The result of one send.</summary>
/// <param name="Status">Sent, transient or permanent.</param>
/// <param name="ProviderMessageId">The channel's id (Message-ID, Twilio SID) when sent.</param>
/// <param name="Detail">Why, when not sent: an error code and its meaning, never message content.</param>
public sealed record SendResult(SendStatus Status, string? ProviderMessageId, string? Detail)
{
    public static SendResult Accepted(string id) => new(SendStatus.Sent, id, null);
}

/// <summary>Sends email. Where the outside world starts: the file outbox, SMTP.</summary>
public interface IEmailSender
{
    /// <summary>Sends one email.</summary>
    Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}

/// <summary>Sends SMS. Where the outside world starts: the file outbox, Twilio.</summary>
public interface ISmsSender
{
    /// <summary>Sends one SMS.</summary>
    Task<SendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken);
}

/// <summary>
/// A sender that can say, after a crash, whether a touch left: used for touches found in Sending.
/// Senders that cannot say leave such touches Uncertain.
/// </summary>
public interface ISendReconciler
{
    /// <summary>True when the touch's message was sent, false when it certainly was not, null when unknown.</summary>
    Task<bool?> WasSentAsync(long touchId, Channel channel, CancellationToken cancellationToken);
}
