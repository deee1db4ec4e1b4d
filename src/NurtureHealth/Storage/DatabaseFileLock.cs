using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace NurtureHealth.Storage;

/// <summary>
/// Operating-system locks beside a SQLite database file. The kernel drops them when their process ends, however it
/// ends, so a kill can never leave one behind. <c>nurture.db.worker.lock</c> is held by the one worker the file allows;
/// <c>nurture.db.migrate.lock</c> by whoever is migrating. Each has a readable twin (<c>.worker</c>, <c>.migrate</c>)
/// saying which process holds it.
/// </summary>
public sealed class DatabaseFileLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _holderFile;

    private DatabaseFileLock(FileStream handle, string holderFile)
    {
        _lock = handle;
        _holderFile = holderFile;
    }

    /// <summary>The database file of a SQLite connection string, or null for an in-memory database (nothing to lock).</summary>
    public static string? DatabaseFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" ? null : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>Takes the lock named <paramref name="kind"/> beside <paramref name="databaseFile"/> now, or returns null and who holds it.</summary>
    public static DatabaseFileLock? TryAcquire(string databaseFile, string kind, string holder, out string? heldBy)
    {
        var folder = Path.GetDirectoryName(databaseFile);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var holderFile = $"{databaseFile}.{kind}";
        try
        {
            // FileShare.None is an exclusive flock(2) on Linux and a sharing lock on Windows: both die with the process.
            var handle = new FileStream($"{holderFile}.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(holderFile, holder);
            heldBy = null;
            return new DatabaseFileLock(handle, holderFile);
        }
        catch (IOException)
        {
            heldBy = ReadHolder(holderFile);
            return null;
        }
    }

    /// <summary>Takes the lock, waiting while another process holds it; <paramref name="waiting"/> is told once who is waited for.</summary>
    public static async Task<DatabaseFileLock> AcquireAsync(string databaseFile, string kind, string holder, Action<string> waiting, CancellationToken cancellationToken)
    {
        var said = false;
        while (true)
        {
            if (TryAcquire(databaseFile, kind, holder, out var heldBy) is { } acquired)
            {
                return acquired;
            }

            if (!said)
            {
                waiting(heldBy ?? "another process");
                said = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>How this process describes itself in a lock's holder file.</summary>
    public static string Describe(string role, DateTimeOffset? since = null) => string.Create(CultureInfo.InvariantCulture,
        $"{role} (process {Environment.ProcessId} on {Environment.MachineName}{(since is { } s ? $", since {s:yyyy-MM-dd HH:mm:ss} UTC" : "")})");

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            File.Delete(_holderFile);
        }
        catch (IOException e)
        {
            Trace.TraceWarning($"Could not remove {_holderFile}: {e.GetType().Name}");
        }

        _lock.Dispose();
    }

    private static string? ReadHolder(string holderFile)
    {
        try
        {
            return File.Exists(holderFile) ? File.ReadAllText(holderFile).Trim() : null;
        }
        catch (IOException)
        {
            return null; // being rewritten this very moment: the caller says "another process"
        }
    }
}
