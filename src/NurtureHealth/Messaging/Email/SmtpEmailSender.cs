using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;

namespace NurtureHealth.Messaging.Email;

/// <summary>
/// Sends email through an SMTP server with MailKit. <see cref="SmtpClient"/> is not thread-safe, so each
/// concurrent send borrows its own connected client from a small pool and returns it for the next
/// message; a client that fails is dropped and the next borrow connects afresh.
/// </summary>
/// <remarks>
/// Outcomes, by what the server can have seen:
/// <list type="bullet">
/// <item>a reply refusing the message (4xx: transient, retried later; 5xx refusing the recipient: undeliverable; other 5xx: failed) — definitive;</item>
/// <item>the connection failing before the server accepted the envelope — provably not sent: transient, retried
/// (once at once on a fresh connection when a pooled one had gone stale);</item>
/// <item>the connection failing or timing out after the envelope was accepted, while the message was handed over or
/// its final reply awaited — the server may have queued it: <see cref="SendStatus.Uncertain"/>, never sent again.</item>
/// </list>
/// </remarks>
public sealed partial class SmtpEmailSender(IOptions<SmtpOptions> options, TimeProvider clock, ILogger<SmtpEmailSender> logger) : IEmailSender, IDisposable
{
    private readonly ConcurrentBag<EnvelopeClient> _idle = [];
    private readonly Lazy<DkimSigner?> _dkim = new(() => CreateSigner(options.Value));

    /// <inheritdoc />
    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = EmailMessageBuilder.Build(email, clock.GetUtcNow());
            if (_dkim.Value is { } signer)
            {
                EmailMessageBuilder.Sign(message, signer);
            }
        }
        catch (ParseException)
        {
            return new SendResult(SendStatus.Permanent, null, "the address cannot be written in an email (MimeKit refused it); nothing was sent");
        }

        var pooled = _idle.TryTake(out var client);
        var result = await SendOnAsync(client ?? new EnvelopeClient(), message, What(email), cancellationToken);
        if (result.Retry && pooled)
        {
            // A pooled connection the server had closed: the envelope never got through, so a fresh connection is safe to try at once.
            result = await SendOnAsync(new EnvelopeClient(), message, What(email), cancellationToken);
        }

        return result.Outcome;
    }

    private async Task<(SendResult Outcome, bool Retry)> SendOnAsync(EnvelopeClient client, MimeMessage message, string what, CancellationToken cancellationToken)
    {
        var reuse = false;
        client.EnvelopeAccepted = false;
        try
        {
            await ConnectAsync(client, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            reuse = true;
            return (SendResult.Accepted($"<{message.MessageId}>"), false);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode is >= 400 and < 500)
        {
            reuse = true;
            return (new SendResult(SendStatus.Transient, null, $"SMTP {(int)e.StatusCode}: {e.ErrorCode}"), false);
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            reuse = true;
            return (new SendResult(SendStatus.Undeliverable, null, $"SMTP {(int)e.StatusCode}: recipient refused"), false);
        }
        catch (SmtpCommandException e)
        {
            reuse = true;
            return (new SendResult(SendStatus.Permanent, null, $"SMTP {(int)e.StatusCode}: {e.ErrorCode}"), false);
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
                                      or TimeoutException or OperationCanceledException)
        {
            if (client.EnvelopeAccepted)
            {
                LogUncertain(logger, what, e.GetType().Name);
                return (new SendResult(SendStatus.Uncertain, null,
                    $"SMTP connection lost after the server accepted the envelope ({e.GetType().Name}); the server may have taken the message"), false);
            }

            LogTransient(logger, what, e.GetType().Name);
            return (new SendResult(SendStatus.Transient, null, $"SMTP connection: {e.GetType().Name}"), client.WasConnected);
        }
        catch (Exception e) when (e is AuthenticationException or SslHandshakeException)
        {
            LogTransient(logger, what, e.GetType().Name);
            return (new SendResult(SendStatus.Transient, null, $"SMTP connection: {e.GetType().Name}"), false);
        }
        finally
        {
            if (reuse && _idle.Count < options.Value.Connections)
            {
                _idle.Add(client);
            }
            else
            {
                Drop(client);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        while (_idle.TryTake(out var client))
        {
            Drop(client);
        }
    }

    private async Task ConnectAsync(EnvelopeClient client, CancellationToken cancellationToken)
    {
        client.WasConnected = client.IsConnected;
        if (client.IsConnected)
        {
            return;
        }

        var o = options.Value;
        client.Timeout = (int)o.Timeout.TotalMilliseconds;
        await client.ConnectAsync(o.Host!, o.Port, o.Security switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.Auto => SecureSocketOptions.Auto,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        }, cancellationToken);
        if (!string.IsNullOrEmpty(o.Username))
        {
            await client.AuthenticateAsync(o.Username, o.Password ?? "", cancellationToken);
        }
    }

    private static void Drop(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                client.Disconnect(quit: false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or MailKit.ProtocolException)
        {
            // The connection is already gone; disposing below releases it.
            _ = e;
        }

        client.Dispose();
    }

    private static DkimSigner? CreateSigner(SmtpOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.DkimDomain) || string.IsNullOrWhiteSpace(o.DkimSelector) || string.IsNullOrWhiteSpace(o.DkimPrivateKeyPath))
        {
            return null;
        }

        return new DkimSigner(o.DkimPrivateKeyPath, o.DkimDomain, o.DkimSelector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };
    }

    /// <summary>An SMTP client that notes when the server has accepted a message's envelope: from then on, the message may be handed over.</summary>
    private sealed class EnvelopeClient : SmtpClient
    {
        /// <summary>Set when a recipient was accepted: the next command is DATA (or BDAT), and the message goes.</summary>
        public bool EnvelopeAccepted { get; set; }

        /// <summary>The connection came from the pool already open (it may have gone stale).</summary>
        public bool WasConnected { get; set; }

        protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        {
            base.OnRecipientAccepted(message, mailbox, response);
            EnvelopeAccepted = true;
        }
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "SMTP could not take {Message} ({Error}); it was not sent and will be retried")]
    private static partial void LogTransient(ILogger logger, string message, string error);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning,
        Message = "SMTP connection lost on {Message} after the server accepted its envelope ({Error}); it may have been delivered, so it is recorded uncertain and not sent again")]
    private static partial void LogUncertain(ILogger logger, string message, string error);

    /// <summary>The message in a log line: its touch, or a staff note (never an address or anything the patient wrote).</summary>
    private static string What(OutgoingEmail email) =>
        email.TouchId is { } touch ? $"touch {touch.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "a note to a location's staff";
}
