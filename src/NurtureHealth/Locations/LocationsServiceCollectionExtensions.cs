using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NurtureHealth.Locations;

/// <summary>Registers the location catalogue and resolver.</summary>
public static class LocationsServiceCollectionExtensions
{
    /// <summary>Binds <c>Nurture:Locations</c> and <c>Nurture:Resolution</c> and registers <see cref="LocationCatalog"/>.</summary>
    public static IServiceCollection AddLocations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocationsOptions>().Bind(configuration.GetSection("Nurture:Locations")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ResolutionOptions>().Bind(configuration.GetSection("Nurture:Resolution")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LocationCatalog>();
        return services;
    }
}
