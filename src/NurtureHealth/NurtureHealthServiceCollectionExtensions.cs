using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Storage;

namespace NurtureHealth;

/// <summary>The one call a host makes to embed NurtureHealth.</summary>
public static class NurtureHealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers NurtureHealth: storage, locations and resolution, and lead intake (with the inbox
    /// watcher as a hosted service). Options bind from the <c>Nurture</c> section and are validated at
    /// start; a bad setting names its key.
    /// </summary>
    public static IServiceCollection AddNurtureHealth(this IServiceCollection services, IConfiguration configuration)
    {
        // The one place the system clock is chosen; everything else asks for TimeProvider.
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorage(configuration);
        services.AddLocations(configuration);
        services.AddLeads(configuration);
        return services;
    }
}
