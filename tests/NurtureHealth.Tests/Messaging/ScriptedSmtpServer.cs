using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NurtureHealth.Tests.Messaging;

/// <summary>
/// An SMTP peer on loopback that misbehaves on purpose at a chosen moment, for the faults a real server cannot be made to
/// show on demand: it hangs up before accepting the envelope, or takes the whole message and then hangs up or answers late.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _messages;

    public ScriptedSmtpServer(Fault fault, TimeSpan? lateBy = null)
    {
        FaultMode = fault;
        LateBy = lateBy ?? TimeSpan.FromSeconds(5);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public enum Fault
    {
        /// <summary>Closes the connection when the client names the recipient: the envelope is never accepted.</summary>
        HangUpAtRecipient,

        /// <summary>Reads the whole message, then closes the connection without a reply.</summary>
        HangUpAfterMessage,

        /// <summary>Reads the whole message and answers 250 only after <see cref="LateBy"/>.</summary>
        AnswerLate,
    }

    public Fault FaultMode { get; }

    public TimeSpan LateBy { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Messages received in full (up to the final dot): each one the server could have delivered.</summary>
    public int MessagesReceived => Volatile.Read(ref _messages);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.ASCII);
            async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            try
            {
                await Say("220 scripted ESMTP");
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ')[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO" or "HELO":
                            await Say("250 scripted");
                            break;
                        case "MAIL":
                            await Say("250 2.1.0 Ok");
                            break;
                        case "RCPT" when FaultMode == Fault.HangUpAtRecipient:
                            return;
                        case "RCPT":
                            await Say("250 2.1.5 Ok");
                            break;
                        case "DATA":
                            await Say("354 End data with <CR><LF>.<CR><LF>");
                            while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                            {
                            }

                            Interlocked.Increment(ref _messages);
                            if (FaultMode == Fault.HangUpAfterMessage)
                            {
                                return;
                            }

                            await Task.Delay(LateBy, _stop.Token);
                            await Say("250 2.0.0 Ok: queued");
                            break;
                        case "QUIT":
                            await Say("221 Bye");
                            return;
                        default:
                            await Say("250 Ok");
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (it timed out): that is the point of the exercise.
                _ = e;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
