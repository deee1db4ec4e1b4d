using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Messaging;

namespace NurtureHealth.Tracking;

/// <summary>Registers links and patient events.</summary>
public static class TrackingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Nurture:Links</c> (checked when the worker starts dispatching, not by tools that never send);
    /// registers <see cref="LinkTokens"/>, <see cref="EventRecorder"/> and <see cref="EventImporter"/>.
    /// </summary>
    public static IServiceCollection AddTracking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinksOptions>().Bind(configuration.GetSection("Nurture:Links")).ValidateDataAnnotations();
        services.AddSingleton<LinkTokens>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<EventImporter>();
        services.AddSingleton<AppointmentBook>();
        services.AddSingleton<Subscriptions>();
        services.AddSingleton<KeywordReplies>();
        services.AddSingleton<AppointmentReplies>();
        services.AddSingleton<InboundSms>();
        return services;
    }
}
