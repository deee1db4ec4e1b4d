using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NurtureHealth.Messaging.Email;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging.Outbox;

/// <summary>
/// The embedded default channel: every email a real .eml file (MimeKit), every SMS one JSON line
/// (to, from, body, encoding, segments, touch id). Writes are atomic — an email file appears whole or
/// not at all, an SMS line is flushed before the send counts — so after a crash the outbox itself says
/// which touches left.
/// </summary>
public sealed class FileOutbox(IOptions<OutboxOptions> options, TimeProvider clock) : IEmailSender, ISmsSender, ISendReconciler
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly Lock _smsLock = new();

    /// <summary>Where emails are written.</summary>
    public string EmailFolder => Path.Combine(options.Value.Path, "email");

    /// <summary>The SMS log.</summary>
    public string SmsFile => Path.Combine(options.Value.Path, "sms.ndjson");

    /// <inheritdoc />
    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(EmailFolder);
        // Touches are filed by their id; notifications to staff (no touch) by their Message-ID.
        var target = email.TouchId is { } touch ? EmailPath(touch) : Path.Combine(EmailFolder, $"staff-{email.MessageToken}.eml");
        var temporary = target + ".tmp";
        var message = EmailMessageBuilder.Build(email, clock.GetUtcNow());
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            message.WriteTo(stream, cancellationToken);
        }

        File.Move(temporary, target, overwrite: true);
        return SendResult.Accepted($"<{email.MessageId}>");
    }

    /// <inheritdoc />
    public Task<SendResult> SendAsync(OutgoingSms sms, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(new
        {
            touch_id = sms.TouchId,
            to = sms.To,
            from = sms.From,
            body = sms.Body,
            encoding = sms.Size.Encoding == Templates.SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2",
            segments = sms.Size.Segments,
            sent_at = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        }, Json);
        lock (_smsLock)
        {
            Directory.CreateDirectory(options.Value.Path);
            using var stream = new FileStream(SmsFile, FileMode.Append, FileAccess.Write, FileShare.Read);
            using var writer = new StreamWriter(stream);
            writer.Write(line);
            writer.Write('\n');
        }

        return Task.FromResult(SendResult.Accepted($"outbox-sms-{sms.TouchId.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <inheritdoc />
    public Task<bool?> WasSentAsync(long touchId, Channel channel, CancellationToken cancellationToken)
    {
        if (channel == Channel.Email)
        {
            return Task.FromResult<bool?>(File.Exists(EmailPath(touchId)));
        }

        if (!File.Exists(SmsFile))
        {
            return Task.FromResult<bool?>(false);
        }

        var marker = $"\"touch_id\":{touchId.ToString(CultureInfo.InvariantCulture)},";
        return Task.FromResult<bool?>(File.ReadLines(SmsFile).Any(l => l.StartsWith("{" + marker, StringComparison.Ordinal)));
    }

    private string EmailPath(long touchId) => Path.Combine(EmailFolder, $"{touchId.ToString("D8", CultureInfo.InvariantCulture)}.eml");
}
