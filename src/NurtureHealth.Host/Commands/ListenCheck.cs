using System.Net;
using System.Net.Sockets;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// Whether the addresses a command is to listen on are free, asked before the host starts: a port another program holds
/// is then one line with the fix (<see cref="UserFailures"/>), not a failed start logged with its stack trace.
/// </summary>
internal static class ListenCheck
{
    /// <summary>Throws <see cref="AddressInUseException"/> naming the first of <paramref name="urls"/> (separated by ';') that is taken, and <paramref name="fix"/>.</summary>
    public static void EnsureFree(string urls, string fix)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Port == 0)
            {
                continue; // Kestrel reads what it cannot: its own message is the right one
            }

            var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : null;
            if (address is null)
            {
                continue;
            }

            using var probe = new TcpListener(address, uri.Port);
            try
            {
                probe.Start();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new AddressInUseException($"{uri.Scheme}://{uri.Host}:{uri.Port}", fix, e);
            }
            finally
            {
                probe.Stop();
            }
        }
    }
}

/// <summary>An address a command is to listen on is held by another program; <see cref="Fix"/> says what to do, in the terms of that command.</summary>
internal sealed class AddressInUseException(string address, string fix, Exception inner) : IOException($"{address} is already in use", inner)
{
    public string Address { get; } = address;

    public string Fix { get; } = fix;
}
