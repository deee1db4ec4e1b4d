using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NurtureHealth.Storage;

/// <summary>Registers the database.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Nurture:Storage</c>, registers a <see cref="NurtureDbContext"/> factory, and — when
    /// <see cref="StorageOptions.MigrateOnStart"/> — migrates the database before other hosted services start.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection("Nurture:Storage")).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContextFactory<NurtureDbContext>((sp, builder) =>
            NurtureDatabase.Configure((DbContextOptionsBuilder<NurtureDbContext>)builder, sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString));
        services.AddHostedService<MigrateOnStart>();
        return services;
    }

    private sealed class MigrateOnStart(IDbContextFactory<NurtureDbContext> databases, IOptions<StorageOptions> options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.Value.MigrateOnStart)
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                await NurtureDatabase.MigrateAsync(db, cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
