using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NurtureHealth.Messaging.Outbox;

namespace NurtureHealth.Messaging;

/// <summary>
/// Whether messages reach patients: Unhealthy while email or SMS goes to the file outbox (a forgotten SMTP or Twilio
/// setting, which would otherwise look like sending), unless <c>Nurture:Outbox:AllowedInProduction</c> says it is meant.
/// </summary>
internal sealed class SendersHealthCheck(IEmailSender email, ISmsSender sms, IOptions<OutboxOptions> outbox) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var toFile = new List<string>();
        if (email is FileOutbox)
        {
            toFile.Add("email (set Nurture:Smtp:Host)");
        }

        if (sms is FileOutbox)
        {
            toFile.Add("SMS (set Nurture:Twilio:AccountSid)");
        }

        if (toFile.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("email by SMTP, SMS by Twilio"));
        }

        var what = $"{string.Join(" and ", toFile)} go to the file outbox at {Path.GetFullPath(outbox.Value.Path)}, which no patient receives";
        return Task.FromResult(outbox.Value.AllowedInProduction
            ? HealthCheckResult.Healthy(what + " (allowed: Nurture:Outbox:AllowedInProduction)")
            : HealthCheckResult.Unhealthy(what + "; or set Nurture:Outbox:AllowedInProduction=true if that is meant"));
    }
}
