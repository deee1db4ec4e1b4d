using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace NurtureHealth.Fhir;

/// <summary>Registers the FHIR integration.</summary>
public static class FhirServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Nurture:Fhir</c>; registers the connection (fetching its own tokens when <c>Nurture:Fhir:Auth</c> is set),
    /// slot finder and pollers, and — when a server is configured — the two polling jobs, each on its own interval trigger,
    /// and the write-back job when <c>Nurture:Fhir:WriteBack</c> turns it on.
    /// </summary>
    public static IServiceCollection AddFhir(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FhirOptions>().Bind(configuration.GetSection("Nurture:Fhir")).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<FhirPoliteness>();
        var fhirClient = services.AddHttpClient(FhirConnection.ClientName, c => c.Timeout = TimeSpan.FromMinutes(4)) // room for FhirPoliteness: 4 attempts of 30 s and 3 waits of up to 30 s
            .AddHttpMessageHandler<FhirPoliteness>();
        services.AddOptions<FhirAuthOptions>().Bind(configuration.GetSection("Nurture:Fhir:Auth")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<FhirAuthOptions>, FhirAuthValidator>();
        services.AddHttpClient(SmartTokenSource.ClientName, c => c.Timeout = TimeSpan.FromSeconds(30)); // no retries: a resent assertion would reuse its jti
        services.AddSingleton<SmartTokenSource>();
        services.AddTransient<SmartAuthHandler>();
        var auth = new FhirAuthOptions();
        configuration.GetSection("Nurture:Fhir:Auth").Bind(auth);
        if (auth.Enabled)
        {
            fhirClient.AddHttpMessageHandler<SmartAuthHandler>(); // inside FhirPoliteness: every retry carries a current token
        }

        services.AddSingleton<FhirConnection>();
        services.AddSingleton<FhirStatus>();
        services.AddSingleton<SlotFinder>();
        services.AddSingleton<Scheduling.IFreeSlots>(sp => sp.GetRequiredService<SlotFinder>());
        services.AddSingleton<FhirCapabilities>();
        services.AddSingleton<FhirLeadPage>();
        services.AddSingleton<FhirLeadPoller>();
        services.AddSingleton<FhirBookingPoller>();
        var retired = new[] { "HotLeads", "HotLeadAfter" }.Where(key => configuration.GetSection($"Nurture:Fhir:WriteBack:{key}").Exists()).ToList();
        services.AddOptions<FhirWriteBackOptions>().Bind(configuration.GetSection("Nurture:Fhir:WriteBack")).ValidateDataAnnotations()
            .Validate(_ => retired.Count == 0,
                $"Nurture:Fhir:WriteBack:{string.Join(" and ", retired)} are no longer read: a hot lead is one setting for staff email and FHIR Task alike, Nurture:HandOff:HotLeadAfter (empty for never). Move the value there and remove this key.")
            .ValidateOnStart();
        services.AddSingleton<FhirWriteBack>();
        services.AddSingleton<FhirConfirmations>();
        services.AddSingleton<LocationSync>();
        services.AddHealthChecks().AddCheck<FhirStatus>("fhir");
        services.AddHostedService<FhirStartup>();
        services.AddHostedService<FhirWriteBackStartup>();

        var fhir = new FhirOptions();
        configuration.GetSection("Nurture:Fhir").Bind(fhir);
        if (fhir.Enabled)
        {
            services.AddQuartz(q =>
            {
                q.AddRepeatingJob<FhirLeadsJob>(FhirLeadsJob.Key, "fhir-leads-poll", "Reads new ServiceRequests from the FHIR server", fhir.PollInterval);
                q.AddRepeatingJob<FhirBookingsJob>(FhirBookingsJob.Key, "fhir-bookings-poll", "Reads booked Appointments from the FHIR server", fhir.PollInterval);
            });
        }

        var writeBack = new FhirWriteBackOptions();
        configuration.GetSection("Nurture:Fhir:WriteBack").Bind(writeBack);
        if (fhir.Enabled && writeBack.Any)
        {
            services.AddQuartz(q => q.AddRepeatingJob<FhirWriteBackJob>(FhirWriteBackJob.Key, "fhir-write-back-run", "Writes Communications, hand-off Tasks and confirmed appointments to the FHIR server", writeBack.Interval));
        }

        return services;
    }
}
