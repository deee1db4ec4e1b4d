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
    /// dispatch job, and its hosted service, which lets a running job finish on shutdown. On PostgreSQL the store is clustered
    /// (the jobs run on one node at a time) and every node also dispatches by itself (<see cref="DispatchWorker"/>).
    /// </summary>
    public static IServiceCollection AddCycle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<NurtureCycle>();
        services.AddSingleton<DispatchSchedule>();
        services.AddSingleton<Touches.IWorkArrived>(sp => sp.GetRequiredService<DispatchSchedule>());
        var storage = configuration.GetSection("Nurture:Storage").Get<Storage.StorageOptions>() ?? new Storage.StorageOptions();
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                if (storage.Provider == Storage.StorageProvider.PostgreSql)
                {
                    // Every node shares one schedule: a job runs on one node at a time, and a dead node's runs are taken over.
                    store.UsePostgres(Storage.NurtureDatabase.PostgreSqlConnection(storage.ConnectionString));
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(storage.ConnectionString);
                }

                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            q.AddJob<DispatchJob>(job => job.WithIdentity(DispatchJob.Key).StoreDurably()
                .WithDescription("Enrolls new leads, decides, sends and plans due touches; its one trigger is moved by DispatchSchedule"));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<CycleStartup>();
        if (storage.Provider == Storage.StorageProvider.PostgreSql)
        {
            services.AddSingleton<DispatchWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<DispatchWorker>());
        }

        return services;
    }
}
