using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NurtureHealth.Storage;

/// <summary>Registers the database.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Nurture:Storage</c> and registers a <see cref="NurtureDbContext"/> factory. A started host first takes the
    /// database's single-worker lock (a second worker on the same SQLite file refuses to start, naming the first), then —
    /// when <see cref="StorageOptions.MigrateOnStart"/> — migrates the database, before the other hosted services start.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Nurture:Storage")).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContextFactory<NurtureDbContext>((sp, builder) =>
            NurtureDatabase.Configure((DbContextOptionsBuilder<NurtureDbContext>)builder, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddMetrics();
        services.TryAddSingleton<Telemetry.IMetricGauges, DatabaseGauges>();
        services.TryAddSingleton<Telemetry.NurtureMetrics>();
        services.AddHostedService<SingleWorker>();
        services.AddHostedService<MigrateOnStart>();
        return services;
    }

    /// <summary>Holds the database's worker lock for as long as the host runs.</summary>
    private sealed class SingleWorker(IOptions<StorageOptions> options, TimeProvider clock) : IHostedService, IDisposable
    {
        private DatabaseFileLock? _held;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.Provider == StorageProvider.Sqlite && DatabaseFileLock.DatabaseFile(options.Value.ConnectionString) is { } file)
            {
                _held = DatabaseFileLock.TryAcquire(file, "worker", DatabaseFileLock.Describe("nurture worker", clock.GetUtcNow()), out var holder)
                        ?? throw new DatabaseInUseException(file, holder);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose() => _held?.Dispose();
    }

    private sealed class MigrateOnStart(IDbContextFactory<NurtureDbContext> databases, IOptions<StorageOptions> options, ILogger<MigrateOnStart> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.MigrateOnStart)
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                await NurtureDatabase.MigrateAsync(db, cancellationToken, logger);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
