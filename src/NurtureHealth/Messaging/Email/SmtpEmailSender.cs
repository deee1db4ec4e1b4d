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
/// Outcomes: a 4xx reply, a dropped connection or a timeout is transient (retried later with backoff);
/// a 5xx refusing the recipient makes the address undeliverable (suppressed, its future email skipped);
/// any other 5xx fails the message.
/// </remarks>
public sealed partial class SmtpEmailSender(IOptions<SmtpOptions> options, TimeProvider clock, ILogger<SmtpEmailSender> logger) : IEmailSender, IDisposable
{
    private readonly ConcurrentBag<SmtpClient> _idle = [];
    private readonly Lazy<DkimSigner?> _dkim = new(() => CreateSigner(options.Value));

    /// <inheritdoc />
    public async Task<SendResult> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var message = EmailMessageBuilder.Build(email, clock.GetUtcNow());
        if (_dkim.Value is { } signer)
        {
            EmailMessageBuilder.Sign(message, signer);
        }

        var client = _idle.TryTake(out var pooled) ? pooled : new SmtpClient();
        var reuse = false;
        try
        {
            await ConnectAsync(client, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            reuse = true;
            return SendResult.Accepted($"<{email.MessageId}>");
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode is >= 400 and < 500)
        {
            reuse = true;
            return new SendResult(SendStatus.Transient, null, $"SMTP {(int)e.StatusCode}: {e.ErrorCode}");
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            reuse = true;
            return new SendResult(SendStatus.Undeliverable, null, $"SMTP {(int)e.StatusCode}: recipient refused");
        }
        catch (SmtpCommandException e)
        {
            reuse = true;
            return new SendResult(SendStatus.Permanent, null, $"SMTP {(int)e.StatusCode}: {e.ErrorCode}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
                                      or TimeoutException or AuthenticationException or SslHandshakeException or OperationCanceledException)
        {
            LogTransient(logger, email.TouchId, e.GetType().Name);
            return new SendResult(SendStatus.Transient, null, $"SMTP connection: {e.GetType().Name}");
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

    private async Task ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP could not take touch {TouchId} ({Error}); it will be retried")]
    private static partial void LogTransient(ILogger logger, long touchId, string error);
}
