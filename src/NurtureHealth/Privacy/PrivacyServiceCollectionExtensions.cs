using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace NurtureHealth.Privacy;

/// <summary>Registers retention (the daily purge) and erasure.</summary>
public static class PrivacyServiceCollectionExtensions
{
    /// <summary>Binds <c>Nurture:Retention</c>; schedules the daily job unless <c>Enabled</c> is false.</summary>
    public static IServiceCollection AddNurturePrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection("Nurture:Retention"))
            .Validate(o => o.RejectedRecordDays >= 0 && o.EndedEnrollmentDays >= 0 && o.OutboxDays >= 0,
                "Nurture:Retention:RejectedRecordDays, EndedEnrollmentDays and OutboxDays are days: 0 (keep for ever) or more.")
            .ValidateOnStart();
        services.AddSingleton<Retention>();
        services.AddSingleton<Forgetting>();
        services.AddHostedService<RetentionStartup>();
        if (configuration.GetValue("Nurture:Retention:Enabled", true))
        {
            // Trigger names are kept as they are: the job store is persistent.
            services.AddQuartz(q =>
            {
                q.AddJob<RetentionJob>(j => j.WithIdentity(RetentionJob.Key).StoreDurably().WithDescription("Purges personal data past its retention period"));
                q.AddTrigger(t => t.ForJob(RetentionJob.Key).WithIdentity("retention-daily", RetentionJob.Key.Group).StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromDays(1)).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            });
        }

        return services;
    }
}
