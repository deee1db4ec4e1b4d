using System.Net;
using System.Net.Sockets;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// Whether the addresses a command is to listen on are free, asked before the host starts: a port another program holds
/// is then one line with the fix (<see cref="UserFailures"/>), not a failed start logged with its stack trace.
/// </summary>
internal static class ListenCheck
{
    /// <summary>Throws <see cref="SocketException"/> (AddressAlreadyInUse) naming the first of <paramref name="urls"/> (separated by ';') that is taken.</summary>
    public static void EnsureFree(string urls)
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
                throw new IOException($"address already in use: {uri.Scheme}://{uri.Host}:{uri.Port}", e);
            }
            finally
            {
                probe.Stop();
            }
        }
    }
}
