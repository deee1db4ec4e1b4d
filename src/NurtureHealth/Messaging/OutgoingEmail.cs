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
    string MessageId)
{
    /// <summary>The Message-ID's letters and digits: a token safe in a file name or a MIME boundary, unique as the id is.</summary>
    public string MessageToken => string.Concat(MessageId.Where(char.IsAsciiLetterOrDigit));
}
