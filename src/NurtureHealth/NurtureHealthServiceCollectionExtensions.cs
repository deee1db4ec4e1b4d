using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NurtureHealth.Cycle;
using NurtureHealth.Fhir;
using NurtureHealth.HandOffs;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Messaging;
using NurtureHealth.Scheduling;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Tracking;

namespace NurtureHealth;

/// <summary>The one call a host makes to embed NurtureHealth.</summary>
public static class NurtureHealthServiceCollectionExtensions
{
    /// <summary>
    /// Registers NurtureHealth: storage, locations and resolution, lead intake (with the inbox watcher as
    /// a hosted service), sequences and templates, send windows and caps, patient events, and dispatch on
    /// Quartz with the file outbox as the default sender. Options bind from the <c>Nurture</c> section and are validated at
    /// start; a bad setting names its key.
    /// </summary>
    public static IServiceCollection AddNurtureHealth(this IServiceCollection services, IConfiguration configuration)
    {
        // The one place the system clock is chosen; everything else asks for TimeProvider.
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorage(configuration);
        services.AddLocations(configuration);
        services.AddLeads(configuration);
        services.AddScheduling(configuration);
        services.AddSequences(configuration);
        services.AddHandOffs(configuration);
        services.AddTracking(configuration);
        services.AddMessaging(configuration);
        services.AddCycle(configuration);
        services.AddFhir(configuration);
        Privacy.PrivacyServiceCollectionExtensions.AddNurturePrivacy(services, configuration);
        services.AddOptions<Api.ApiOptions>().Bind(configuration.GetSection("Nurture:Api")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Scoring.ScoringOptions>().Bind(configuration.GetSection("Nurture:Scoring")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Scoring.LeadFit>();
        services.AddOptions<Checks.ContentCheckOptions>().Bind(configuration.GetSection("Nurture:Check")).ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<DispatchHealthCheck>("dispatch")
            .AddCheck<SendersHealthCheck>("senders");
        return services;
    }
}
