using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NurtureHealth.Storage;

namespace NurtureHealth.Tests;

/// <summary>
/// The library composed the way a host composes it (AddNurtureHealth), over a fresh database — a SQLite file in a
/// temp folder, or a database of its own on the test PostgreSQL server when <see cref="TestStorage.Provider"/> says so —
/// the shipped locations, a fake clock and a log that records every line.
/// </summary>
internal sealed class NurtureServices : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly ServiceProvider _provider;
    private readonly string? _postgres;

    public NurtureServices(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Nurture:Storage:ConnectionString"] = $"Data Source={_folder.File("nurture.db")}",
            ["Nurture:Locations:Path"] = TestPaths.Locations,
            ["Nurture:Inbox:Path"] = _folder.File("inbox"),
            ["Nurture:Inbox:PollInterval"] = "00:00:01",
            ["Nurture:Templates:Path"] = TestPaths.Templates,
            ["Nurture:Outbox:Path"] = _folder.File("outbox"),
            ["Nurture:Outbox:AllowedInProduction"] = "true",
            ["Nurture:Links:BaseUrl"] = "https://nurture.test.example",
            ["Nurture:Links:SigningKey"] = "test-signing-key-that-is-long-enough-0123456789",
        };
        if (TestStorage.OnPostgreSql)
        {
            config["Nurture:Storage:Provider"] = "PostgreSql";
            config["Nurture:Storage:ConnectionString"] = _postgres = TestStorage.CreatePostgreSqlDatabase();
        }

        foreach (var (key, value) in settings ?? [])
        {
            config[key] = value;
        }

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Log));
        configure?.Invoke(services);
        services.AddNurtureHealth(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        _provider = services.BuildServiceProvider(validateScopes: true);
        using var db = Db();
        NurtureDatabase.MigrateAsync(db).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock { get; } = new(Some.Now);

    public RecordingLoggerProvider Log { get; } = new();

    public TempFolder Folder => _folder;

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public IServiceProvider Provider => _provider;

    public NurtureDbContext Db() => _provider.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContext();

    public void Dispose()
    {
        _provider.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgres is not null)
        {
            using var connection = new Npgsql.NpgsqlConnection(_postgres);
            Npgsql.NpgsqlConnection.ClearPool(connection);
            Storage.PostgreSqlServer.GetAsync().GetAwaiter().GetResult().DropDatabase(_postgres);
        }

        _folder.Dispose();
    }
}

/// <summary>Which database the tests of this assembly run on: SQLite, unless the assembly's module initializer chose PostgreSQL.</summary>
internal static class TestStorage
{
    public static StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public static bool OnPostgreSql => Provider == StorageProvider.PostgreSql;

    /// <summary>A fresh database on the test PostgreSQL server (started on first use).</summary>
    public static string CreatePostgreSqlDatabase() =>
        Storage.PostgreSqlServer.GetAsync().GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult();
}

/// <summary>Keeps every log line, formatted, with its properties, for assertions.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lock (owner._lines)
            {
                owner._lines.Add($"{logLevel} {category}: {formatter(state, exception)} [{properties}] {exception}");
            }
        }
    }
}
