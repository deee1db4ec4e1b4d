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
        if (email.Subject.Contains("=?", StringComparison.Ordinal))
        {
            message.Headers.Replace(EncodedAsItIs(HeaderId.Subject, email.Subject));
        }

        message.From.Add(new MailboxAddress(email.FromName, email.FromAddress));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Headers.Add("List-Unsubscribe", $"<{email.UnsubscribeUrl}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        if (email.TouchId is { } touch)
        {
            message.Headers.Add("X-Nurture-Touch", touch.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        message.Body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html }.ToMessageBody();
        if (message.Body is Multipart multipart)
        {
            // Derived from the touch, not random: the same touch always makes the same bytes.
            multipart.Boundary = email.TouchId is { } id
                ? $"=_nurture_touch_{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
                : $"=_nurture_{email.MessageToken}";
        }

        return message;
    }

    /// <summary>
    /// A header whose text holds something that looks like a MIME encoded word (<c>=?utf-8?B?…?=</c>, from a name typed into a
    /// form): written raw, a mail client would decode it and show what the sender hid inside. Encoding the whole text as
    /// encoded words of our own makes the client show it exactly as it is.
    /// </summary>
    private static Header EncodedAsItIs(HeaderId id, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var words = new List<string>();
        for (var i = 0; i < bytes.Length;)
        {
            // 45 bytes make 60 base64 characters: each word stays within RFC 2047's 75, and no UTF-8 sequence is cut.
            var n = Math.Min(45, bytes.Length - i);
            while (i + n < bytes.Length && (bytes[i + n] & 0xC0) == 0x80)
            {
                n--;
            }

            words.Add($"=?utf-8?B?{Convert.ToBase64String(bytes, i, n)}?=");
            i += n;
        }

        var header = new Header(id, "");
        header.SetRawValue(System.Text.Encoding.ASCII.GetBytes(" " + string.Join("\r\n ", words) + "\r\n"));
        return header;
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
