using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using NurtureHealth.Tests;

namespace NurtureHealth.IntegrationTests.Servers;

/// <summary><c>nurture run</c> as a separate process, configured by environment variables, stopped with SIGTERM.</summary>
internal sealed class Worker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private Worker(Process process, string folder, int port, string scheme)
    {
        _process = process;
        Folder = folder;
        Port = port;
        BaseUrl = $"{scheme}://127.0.0.1:{port}";
    }

    public const string AuthToken = "integration-auth-token";

    public string Folder { get; }

    public int Port { get; }

    /// <summary>Where it listens: http, or https with <see cref="TestCertificate"/> when started with <c>https: true</c>.</summary>
    public string BaseUrl { get; }

    public string Inbox => Path.Combine(Folder, "inbox");

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>When true, disposing leaves the folder (its database, inbox and outbox) for the next worker.</summary>
    public bool KeepFolder { get; set; }

    public int ProcessId => _process.Id;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// Starts <c>nurture run</c>; in <paramref name="folder"/> when given (a restart on the same database), and waits until it
    /// listens unless told not to; on https with a self-signed certificate when <paramref name="https"/> (the workspace's
    /// cookies are Secure, as behind the TLS proxy of a real deployment).
    /// </summary>
    public static async Task<Worker> StartAsync(string locations, IDictionary<string, string> settings, string? folder = null, bool waitUntilListening = true, bool https = false)
    {
        var scheme = https ? "https" : "http";
        folder ??= Path.Combine(Path.GetTempPath(), "nurture-it", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "inbox"));
        var port = TestServers.FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = TestPaths.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nurture.dll"));
        start.ArgumentList.Add("run");
        var env = new Dictionary<string, string>
        {
            ["Nurture__Http__Urls"] = $"{scheme}://127.0.0.1:{port}",
            ["Nurture__Storage__ConnectionString"] = $"Data Source={Path.Combine(folder, "nurture.db")}",
            ["Nurture__Locations__Path"] = locations,
            ["Nurture__Templates__Path"] = TestPaths.Templates,
            ["Nurture__Inbox__Path"] = Path.Combine(folder, "inbox"),
            ["Nurture__Inbox__PollInterval"] = "00:00:00.250",
            ["Nurture__Outbox__Path"] = Path.Combine(folder, "outbox"),
            ["Nurture__Outbox__AllowedInProduction"] = "true",
            ["Nurture__Dispatch__MaxIdle"] = "00:00:01",
            ["Nurture__Links__BaseUrl"] = $"{scheme}://127.0.0.1:{port}",
            ["Nurture__Links__SigningKey"] = "integration-signing-key-0123456789-abcdef",
            ["Nurture__Twilio__AuthToken"] = AuthToken,
        };
        if (https)
        {
            env["Kestrel__Certificates__Default__Path"] = TestCertificate.Path;
            env["Kestrel__Certificates__Default__Password"] = TestCertificate.Password;
        }

        foreach (var (key, value) in settings)
        {
            env[key] = value;
        }

        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        var worker = new Worker(Process.Start(start)!, folder, port, scheme);
        worker._process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        if (waitUntilListening)
        {
            await TestServers.WaitForPortAsync(port, worker._process, "nurture run", TimeSpan.FromSeconds(90));
        }

        return worker;
    }

    /// <summary>SIGKILL: the process dies on the spot, whatever it was doing.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then waits for the process to end; returns its exit code, or null when it has not ended within <paramref name="timeout"/>.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Drops a lead file into the inbox the way an integration would: written aside, then renamed.</summary>
    public void Drop(string name, string ndjson)
    {
        File.WriteAllText(Path.Combine(Inbox, name + ".part"), ndjson);
        File.Move(Path.Combine(Inbox, name + ".part"), Path.Combine(Inbox, name));
    }

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, "nurture.db")};Mode=ReadOnly;Pooling=False");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return -1;
        }
    }

    public string? Text(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, "nurture.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    public static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        SqliteConnection.ClearAllPools();
        if (KeepFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the exiting worker; the OS temp cleaner takes it.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
