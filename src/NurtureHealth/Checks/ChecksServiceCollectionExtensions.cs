using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NurtureHealth.Checks;

/// <summary>Registers the worker's hot reload of the content folders.</summary>
public static class ChecksServiceCollectionExtensions
{
    /// <summary>
    /// Hot reload for a long-running worker: <see cref="ContentWatcher"/> as a hosted service and as the <c>content</c>
    /// health check. Tools that run once do not need it.
    /// </summary>
    public static IServiceCollection AddHotReload(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HotReloadOptions>().Bind(configuration.GetSection("Nurture:HotReload")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ContentWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentWatcher>());
        services.AddHealthChecks().AddCheck<ContentWatcher>("content");
        return services;
    }
}
