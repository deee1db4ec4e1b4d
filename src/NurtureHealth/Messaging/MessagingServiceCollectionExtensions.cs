using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using NurtureHealth.Messaging.Email;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Messaging.Sms;
using Polly;

namespace NurtureHealth.Messaging;

/// <summary>Registers dispatch: the senders and the dispatcher in its parts.</summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Nurture:Dispatch</c>, <c>Nurture:Outbox</c>, <c>Nurture:Smtp</c> and <c>Nurture:Twilio</c>; registers SMTP and
    /// Twilio when configured, else the file outbox, as the email and SMS senders unless the host registered others; and the
    /// dispatcher's parts.
    /// </summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DispatchOptions>().Bind(configuration.GetSection("Nurture:Dispatch")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Nurture:Outbox")).ValidateDataAnnotations().ValidateOnStart();
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
        services.AddSingleton<DispatchNode>();
        services.AddSingleton<DatabaseRetry>();
        services.AddSingleton<MessageSenders>();
        services.AddSingleton<MessageComposer>();
        services.AddSingleton<SendDecider>();
        services.AddSingleton<BatchDecider>();
        services.AddSingleton<SendOutcomes>();
        services.AddSingleton<BatchSender>();
        services.AddSingleton<DispatchRecovery>();
        services.AddSingleton<Dispatcher>();
        return services;
    }
}
