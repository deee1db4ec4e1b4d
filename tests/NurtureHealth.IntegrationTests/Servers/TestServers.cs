using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NurtureHealth.Tests;

namespace NurtureHealth.IntegrationTests.Servers;

/// <summary>
/// Installs the pinned npm packages in <c>tests/servers</c> (once, with <c>npm ci</c>) and starts real
/// servers from them on free loopback ports. Nothing is skipped: a server that cannot start fails the test.
/// </summary>
internal static class TestServers
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "servers");

    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_installed || File.Exists(Path.Combine(Folder, "node_modules", ".bin", "maildev")) && File.Exists(Path.Combine(Folder, "node_modules", ".bin", "prism"))
                && Directory.Exists(Path.Combine(Folder, "node_modules", "@medplum", "fhir-router")) && Directory.Exists(Path.Combine(Folder, "node_modules", "oidc-provider")))
            {
                _installed = true;
                return;
            }

            var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var error = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {Folder} failed ({npm.ExitCode}): {await output}{await error}");
            }

            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitForPortAsync(int port, Process? process, string name, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode} before listening on port {port}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"{name} did not listen on port {port} within {timeout}");
    }
}

/// <summary>A server process started from tests/servers (a tool in node_modules/.bin, or a script run by node), killed on dispose.</summary>
internal abstract class NodeServer : IAsyncDisposable
{
    private Process? _process;

    protected Task StartAsync(string tool, IEnumerable<string> arguments, int port, string name) =>
        StartProcessAsync(Path.Combine(TestServers.Folder, "node_modules", ".bin", tool), arguments, port, name);

    /// <summary>Starts <c>node script arguments…</c> in tests/servers.</summary>
    protected Task StartScriptAsync(string script, IEnumerable<string> arguments, int port, string name) =>
        StartProcessAsync("node", [script, .. arguments], port, name);

    /// <summary>Each line the server writes to standard output.</summary>
    protected virtual void OnOutput(string line)
    {
    }

    private async Task StartProcessAsync(string executable, IEnumerable<string> arguments, int port, string name)
    {
        await TestServers.EnsureInstalledAsync();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = TestServers.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                OnOutput(line);
            }
        };
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && errors.Count < 20)
            {
                errors.Enqueue(line);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await TestServers.WaitForPortAsync(port, _process, name, TimeSpan.FromSeconds(60));
        }
        catch (InvalidOperationException e)
        {
            await Task.Delay(200); // let the last lines of standard error arrive
            throw new InvalidOperationException($"{e.Message}; its standard error: {string.Join(" | ", errors)}", e);
        }
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }
}
