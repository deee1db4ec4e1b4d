using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NurtureHealth.HandOffs;

/// <summary>Registers handing patients to staff.</summary>
public static class HandOffsServiceCollectionExtensions
{
    /// <summary>Binds <c>Nurture:HandOff</c> and registers <see cref="HotLeads"/> and <see cref="StaffNotifier"/>.</summary>
    public static IServiceCollection AddHandOffs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HandOffOptions>().Bind(configuration.GetSection("Nurture:HandOff")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HotLeads>();
        services.AddSingleton<StaffNotifier>();
        return services;
    }
}
