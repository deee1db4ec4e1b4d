using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace NurtureHealth.Cycle;

/// <summary>Registers the nurture cycle and what drives it: Quartz with its persistent store, the dispatch job and its one trigger.</summary>
public static class CycleServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="NurtureCycle"/> and <see cref="DispatchSchedule"/> (woken by <see cref="Touches.IWorkArrived"/>:
    /// leads arrived on any intake path, next steps to plan); adds Quartz (persistent store in the NurtureHealth database, schema created when missing) with the
    /// dispatch job, and its hosted service, which lets a running job finish on shutdown.
    /// </summary>
    public static IServiceCollection AddCycle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<NurtureCycle>();
        services.AddSingleton<DispatchSchedule>();
        services.AddSingleton<Touches.IWorkArrived>(sp => sp.GetRequiredService<DispatchSchedule>());
        var connectionString = configuration["Nurture:Storage:ConnectionString"] ?? new Storage.StorageOptions().ConnectionString;
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            q.AddJob<DispatchJob>(job => job.WithIdentity(DispatchJob.Key).StoreDurably()
                .WithDescription("Enrolls new leads, decides, sends and plans due touches; its one trigger is moved by DispatchSchedule"));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<CycleStartup>();
        return services;
    }
}
