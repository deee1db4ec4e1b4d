using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NurtureHealth.Storage;
using NurtureHealth.Yaml;

namespace NurtureHealth.Host.Commands;

/// <summary>Runs a one-shot command inside the configured services, without starting the worker's hosted services.</summary>
internal static class ToolHost
{
    /// <summary>Exit code when configuration or the location files are wrong.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Exit code when another worker already runs on the SQLite database.</summary>
    public const int DatabaseInUse = 4;

    /// <summary>
    /// For commands that only read (<c>report</c>, <c>preview --lead</c>): the database must already be there — they never
    /// create or migrate one. Returns null when it is, else prints why not and returns the exit code.
    /// </summary>
    public static async Task<int?> RequireExistingDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider == StorageProvider.Sqlite)
        {
            if (DatabaseFileLock.DatabaseFile(storage.ConnectionString) is { } file && !File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"No database at {file}: give the worker's database with --db <FILE> (nurture run and nurture import create it).");
                return ConfigurationError;
            }

            return null;
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync(cancellationToken);
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            await Console.Error.WriteLineAsync("The PostgreSQL database in Nurture:Storage:ConnectionString does not answer (or does not exist): check the host, the database name and the credentials.");
            return ConfigurationError;
        }

        return null;
    }

    public static Task<int> RunAsync(
        IReadOnlyDictionary<string, string?> overrides,
        bool needsDatabase,
        Func<IServiceProvider, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken) =>
        RunAsync(overrides, needsDatabase, (host, ct) => action(host.Services, ct), null, cancellationToken);

    public static async Task<int> RunAsync(
        IReadOnlyDictionary<string, string?> overrides,
        bool needsDatabase,
        Func<IHost, CancellationToken, Task<int>> action,
        Action<IServiceCollection>? configure,
        CancellationToken cancellationToken)
    {
        try
        {
            using var host = NurtureHostBuilder.Create(overrides, tool: true, configure).Build();
            host.Services.GetService<IStartupValidator>()?.Validate();
            if (needsDatabase && host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.MigrateOnStart)
            {
                var factory = host.Services.GetRequiredService<IDbContextFactory<NurtureDbContext>>();
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                await NurtureDatabase.MigrateAsync(db, cancellationToken, host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("NurtureHealth.Storage"));
            }

            return await action(host, cancellationToken);
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync("Configuration is not valid:");
            foreach (var failure in e.Failures)
            {
                await Console.Error.WriteLineAsync("  " + UserFailures.Plain(failure));
            }

            return ConfigurationError;
        }
        catch (FileFindingsException e)
        {
            await Console.Error.WriteLineAsync("The location files have errors; fix them and run again:");
            foreach (var finding in e.Findings)
            {
                await Console.Error.WriteLineAsync("  " + finding);
            }

            return ConfigurationError;
        }
        catch (DatabaseInUseException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return DatabaseInUse;
        }
    }
}
