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
                await Console.Error.WriteLineAsync("  " + failure);
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
