using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace NurtureHealth.Tests.Storage;

/// <summary>
/// A real PostgreSQL (Debian's <c>postgresql</c> package, 15 on the machine image) for the tests: <c>initdb</c> into a
/// temporary folder and <c>pg_ctl start</c> on a free loopback port, once per test process, stopped when it exits. Each
/// caller gets a database of its own. Nothing is skipped: when the server cannot start, the test fails saying why.
/// </summary>
internal sealed class PostgreSqlServer
{
    private static readonly Lazy<Task<PostgreSqlServer>> Shared = new(StartAsync);
    private readonly string _folder;
    private readonly string _bin;

    private PostgreSqlServer(string folder, string bin, int port)
    {
        (_folder, _bin, Port) = (folder, bin, port);
    }

    public int Port { get; }

    /// <summary>The server of this test process, started on first use.</summary>
    public static Task<PostgreSqlServer> GetAsync() => Shared.Value;

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=30";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "nurture")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        // FILE_COPY: the template is copied as files, not written through the WAL (some hundred databases per run).
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" STRATEGY FILE_COPY", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Drops a database a test made, so a run's databases do not pile up on the disk.</summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    private static async Task<PostgreSqlServer> StartAsync()
    {
        var bin = FindBin();
        var folder = Path.Combine(Path.GetTempPath(), "nurture-pg", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", null, "-R", "postgres", Path.GetDirectoryName(folder)!);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync(Path.Combine(bin, "initdb"), asRoot ? "postgres" : null, "-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), asRoot ? "postgres" : null, "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                    "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c max_wal_size=96MB -c min_wal_size=32MB", "start");
                var server = new PostgreSqlServer(folder, bin, port);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(asRoot);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // The port was taken between choosing it and binding it: another one.
            }
        }
    }

    private void Stop(bool asRoot)
    {
        var stop = Start(Path.Combine(_bin, "pg_ctl"), asRoot ? "postgres" : null, "-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop");
        stop.WaitForExit(30_000);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>initdb and pg_ctl: on the PATH, or where Debian's package puts them (the newest version).</summary>
    private static string FindBin()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            if (File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "initdb")))
            {
                return dir;
            }
        }

        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return debian ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no initdb/pg_ctl on the PATH or under /usr/lib/postgresql): apt-get install postgresql — .ci/run does this itself");
    }

    private static Process Start(string file, string? asUser, params string[] arguments)
    {
        var start = asUser is null ? new ProcessStartInfo(file) : new ProcessStartInfo("runuser") { ArgumentList = { "-u", asUser, "--", file } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return Process.Start(start)!;
    }

    private static async Task RunAsync(string file, string? asUser, params string[] arguments)
    {
        using var process = Start(file, asUser, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output} {await error}");
        }
    }

    /// <summary>A loopback port free now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
