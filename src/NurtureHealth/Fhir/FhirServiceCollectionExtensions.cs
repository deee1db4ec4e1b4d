using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace NurtureHealth.Fhir;

/// <summary>Registers the FHIR integration.</summary>
public static class FhirServiceCollectionExtensions
{
    /// <summary>The Quartz job that polls for leads.</summary>
    public static readonly JobKey LeadsJob = new("fhir-leads", "nurture");

    /// <summary>The Quartz job that polls for bookings.</summary>
    public static readonly JobKey BookingsJob = new("fhir-bookings", "nurture");

    /// <summary>
    /// Binds <c>Nurture:Fhir</c>; registers the connection, slot finder and pollers, and — when a server is configured —
    /// the two polling jobs, each on its own interval trigger, and the write-back job when <c>Nurture:Fhir:WriteBack</c> turns it on.
    /// </summary>
    public static IServiceCollection AddFhir(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FhirOptions>().Bind(configuration.GetSection("Nurture:Fhir")).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(FhirConnection.ClientName, c => c.Timeout = TimeSpan.FromSeconds(60));
        services.AddSingleton<FhirConnection>();
        services.AddSingleton<FhirStatus>();
        services.AddSingleton<SlotFinder>();
        services.AddSingleton<FhirLeadPoller>();
        services.AddSingleton<FhirBookingPoller>();
        services.AddOptions<FhirWriteBackOptions>().Bind(configuration.GetSection("Nurture:Fhir:WriteBack")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FhirWriteBack>();
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
                q.AddJob<FhirLeadsJob>(j => j.WithIdentity(LeadsJob).StoreDurably().WithDescription("Reads new ServiceRequests from the FHIR server"));
                q.AddTrigger(t => t.ForJob(LeadsJob).WithIdentity("fhir-leads-poll", "nurture").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(fhir.PollInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
                q.AddJob<FhirBookingsJob>(j => j.WithIdentity(BookingsJob).StoreDurably().WithDescription("Reads booked Appointments from the FHIR server"));
                q.AddTrigger(t => t.ForJob(BookingsJob).WithIdentity("fhir-bookings-poll", "nurture").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(fhir.PollInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            });
        }

        var writeBack = new FhirWriteBackOptions();
        configuration.GetSection("Nurture:Fhir:WriteBack").Bind(writeBack);
        if (fhir.Enabled && writeBack.Any)
        {
            services.AddQuartz(q =>
            {
                q.AddJob<FhirWriteBackJob>(j => j.WithIdentity(FhirWriteBackJob.Key).StoreDurably().WithDescription("Writes Communications and hand-off Tasks to the FHIR server"));
                q.AddTrigger(t => t.ForJob(FhirWriteBackJob.Key).WithIdentity("fhir-write-back-run", "nurture").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(writeBack.Interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            });
        }

        return services;
    }
}

/// <summary>When FHIR is turned off, removes polling jobs an earlier configuration left in the persistent job store.</summary>
internal sealed class FhirStartup(ISchedulerFactory schedulers, Microsoft.Extensions.Options.IOptions<FhirOptions> options) : Microsoft.Extensions.Hosting.IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            await scheduler.DeleteJobs([FhirServiceCollectionExtensions.LeadsJob, FhirServiceCollectionExtensions.BookingsJob], cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Thin: polls for leads; a failure is logged, shown on /health, and retried at the next interval.</summary>
[DisallowConcurrentExecution]
public sealed class FhirLeadsJob(FhirLeadPoller poller) : IJob
{
    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await poller.PollAsync(cancellationToken);
        }
        catch (FhirUnavailableException)
        {
            // Already logged in words and shown on /health; the next interval reads the same window again.
        }
    }
}

/// <summary>Thin: polls for bookings; a failure is logged, shown on /health, and retried at the next interval.</summary>
[DisallowConcurrentExecution]
public sealed class FhirBookingsJob(FhirBookingPoller poller) : IJob
{
    /// <inheritdoc />
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await poller.PollAsync(cancellationToken);
        }
        catch (FhirUnavailableException)
        {
            // Already logged in words and shown on /health; the next interval reads the same window again.
        }
    }
}
