using MimeKit;

namespace NurtureHealth.Messaging.Email;

/// <summary>
/// Builds the MIME message for an email: multipart/alternative (plain text, then HTML), the RFC 8058
/// one-click unsubscribe headers, and a Message-ID stable per touch so a resend is recognisable.
/// </summary>
public static class EmailMessageBuilder
{
    /// <summary>The MIME message for an outgoing email, dated <paramref name="date"/>.</summary>
    public static MimeMessage Build(OutgoingEmail email, DateTimeOffset date)
    {
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Date = date,
            MessageId = email.MessageId,
        };
        message.From.Add(new MailboxAddress(email.FromName, email.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Headers.Add("List-Unsubscribe", $"<{email.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("X-Nurture-Touch", email.TouchId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        if (message.Body is Multipart multipart)
        {
            // Derived from the touch, not random: the same touch always makes the same bytes.
            multipart.Boundary = $"=_nurture_touch_{email.TouchId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }

        return message;
    }

    /// <summary>Headers DKIM signs: the one-click unsubscribe headers among them, so a relay cannot strip or alter them unseen.</summary>
    public static readonly HeaderId[] DkimHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.ListUnsubscribe, HeaderId.ListUnsubscribePost];

    /// <summary>DKIM-signs a message: prepared for 7-bit transport first, since signing fixes the bytes.</summary>
    public static void Sign(MimeMessage message, MimeKit.Cryptography.DkimSigner signer)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, DkimHeaders);
    }

    /// <summary>The Message-ID of a touch's email (without angle brackets).</summary>
    public static string MessageIdFor(long touchId, string domain) =>
        $"touch-{touchId.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{domain}";
}
