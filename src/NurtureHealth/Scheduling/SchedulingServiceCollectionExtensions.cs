using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NurtureHealth.Scheduling;

/// <summary>Registers time policy: send windows and frequency caps.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Binds <c>Nurture:Scheduling</c>; registers <see cref="SendWindowPolicy"/> and <see cref="FrequencyCap"/>.</summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection("Nurture:Scheduling")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SendWindowPolicy>();
        services.AddSingleton<FrequencyCap>();
        services.AddSingleton<SendTime>();
        return services;
    }
}
