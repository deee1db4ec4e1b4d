using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NurtureHealth.Leads;

/// <summary>Registers intake: the importer and the inbox watcher.</summary>
public static class LeadsServiceCollectionExtensions
{
    /// <summary>Binds <c>Nurture:Consent</c> and <c>Nurture:Inbox</c>, registers <see cref="LeadImporter"/> and the <see cref="LeadInbox"/> hosted service.</summary>
    public static IServiceCollection AddLeads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsentOptions>().Bind(configuration.GetSection("Nurture:Consent")).ValidateOnStart();
        services.AddOptions<FhirLeadOptions>().Bind(configuration.GetSection("Nurture:Fhir"));
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection("Nurture:Inbox")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new AddressHasher(configuration));
        services.AddSingleton<LeadImporter>();
        services.AddSingleton<LeadInbox>();
        services.AddHostedService(sp => sp.GetRequiredService<LeadInbox>());
        return services;
    }
}
