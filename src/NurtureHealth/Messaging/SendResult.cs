namespace NurtureHealth.Messaging;

/// <summary>The result of one send.</summary>
/// <param name="Status">Sent, transient or permanent.</param>
/// <param name="ProviderMessageId">The channel's id (Message-ID, Twilio SID) when sent.</param>
/// <param name="Detail">Why, when not sent: an error code and its meaning, never message content.</param>
public sealed record SendResult(SendStatus Status, string? ProviderMessageId, string? Detail)
{
    public static SendResult Accepted(string id) => new(SendStatus.Sent, id, null);
}
