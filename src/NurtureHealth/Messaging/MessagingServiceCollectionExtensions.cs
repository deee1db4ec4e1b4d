using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using NurtureHealth.Messaging.Email;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Messaging.Sms;
using NurtureHealth.Tracking;
using Polly;
using Quartz;

namespace NurtureHealth.Messaging;

/// <summary>Registers dispatch: the senders, the dispatcher, and Quartz with its persistent SQLite store.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Nurture:Dispatch</c> and <c>Nurture:Outbox</c>; registers the file outbox as the email and SMS
    /// sender unless the host registered others; adds Quartz (persistent store in the NurtureHealth database,
    /// schema created when missing) with the dispatch job, and its hosted service, which lets a running
    /// dispatch finish on shutdown.
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection("Nurture:Dispatch")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Nurture:Outbox")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConsentOptions>().Bind(configuration.GetSection("Nurture:Consent")).ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection("Nurture:Smtp")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TwilioOptions>().Bind(configuration.GetSection("Nurture:Twilio")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FileOutbox>();

        // Each channel goes through its real service when configured, else through the file outbox.
        if (!string.IsNullOrWhiteSpace(configuration["Nurture:Smtp:Host"]))
        {
            services.TryAddSingleton<SmtpEmailSender>();
            services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<SmtpEmailSender>());
        }

        if (!string.IsNullOrWhiteSpace(configuration["Nurture:Twilio:AccountSid"]))
        {
            services.AddHttpClient(TwilioSmsSender.ClientName, (sp, c) => c.Timeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.Timeout)
                .AddResilienceHandler("twilio-retry", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    // 429 and 5xx only: a 4xx other than 429 will not get better by asking again. Retry-After is honoured.
                    // Of the failures without an answer, only those that never reached Twilio: any other may have created the message.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } r
                        ? r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500
                        : args.Outcome.Exception is HttpRequestException e && TwilioSmsSender.NeverSent(e)),
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                }));
            services.TryAddSingleton<TwilioSmsSender>();
            services.TryAddSingleton<ISmsSender>(sp => sp.GetRequiredService<TwilioSmsSender>());
        }

        services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<FileOutbox>());
        services.TryAddSingleton<ISmsSender>(sp => sp.GetRequiredService<FileOutbox>());
        services.AddSingleton<DispatchHealth>();
        services.AddSingleton<Dispatcher>();
        services.AddSingleton<DispatchSchedule>();
        services.AddSingleton<Leads.IImportListener>(sp => sp.GetRequiredService<DispatchSchedule>());

        var connectionString = configuration["Nurture:Storage:ConnectionString"] ?? new Storage.StorageOptions().ConnectionString;
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            q.AddJob<DispatchJob>(job => job.WithIdentity(DispatchJob.Key).StoreDurably().WithDescription("Enrolls new leads and sends due touches; its one trigger is moved by DispatchSchedule"));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<DispatchStartup>();
        return services;
    }

    /// <summary>
    /// At worker start: checks the link settings (a worker that sends needs them), recovers touches a
    /// previous process left claimed or sending, and makes sure the dispatch trigger exists.
    /// </summary>
    private sealed class DispatchStartup(IOptions<LinksOptions> links, Dispatcher dispatcher, DispatchSchedule schedule, TimeProvider clock) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            _ = links.Value;
            await dispatcher.RecoverAsync(cancellationToken);
            await schedule.WakeAsync(clock.GetUtcNow(), cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
