using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Outbox;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// What <c>nurture run</c> says at start about where messages go: SMTP or Twilio, or the file outbox — which reaches no
/// patient, and which an operator who forgot a setting must not mistake for sending.
/// </summary>
internal static partial class LiveSenders
{
    public static void Log(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("NurtureHealth.Run");
        var outbox = services.GetRequiredService<IOptions<OutboxOptions>>().Value.Path;
        var smtp = services.GetRequiredService<IOptions<Messaging.Email.SmtpOptions>>().Value;
        var email = services.GetRequiredService<IEmailSender>() is FileOutbox
            ? $"the file outbox at {Path.GetFullPath(outbox)} (no patient receives it: set Nurture:Smtp:Host to send)"
            : $"SMTP {smtp.Host}:{smtp.Port}";
        var sms = services.GetRequiredService<ISmsSender>() is FileOutbox
            ? $"the file outbox at {Path.GetFullPath(outbox)} (no patient receives it: set Nurture:Twilio:AccountSid to send)"
            : "Twilio";
        var fhir = services.GetRequiredService<IOptions<Fhir.FhirOptions>>().Value.BaseUrl is { Length: > 0 } url ? url : "off";
        var twilio = services.GetRequiredService<IOptions<Messaging.Sms.TwilioOptions>>().Value.AuthToken is { Length: > 0 }
            ? "/twilio/inbound and /twilio/status on (signature-checked)"
            : "/twilio/* refuse every call (no Nurture:Twilio:AuthToken)";
        var api = services.GetRequiredService<IOptions<Api.ApiOptions>>().Value;
        var intake = (api.Keys.Count, string.IsNullOrEmpty(api.SigningSecret)) switch
        {
            ( > 0, _) => $"/intake/fhir and /bookings on ({api.Keys.Count} API key(s))",
            (0, false) => "/bookings on (signed bodies); /intake/fhir refuses every call (no Nurture:Api:Keys)",
            _ => "/intake/fhir and /bookings refuse every call (no Nurture:Api:Keys)",
        };
        var manage = services.GetService<IOptions<Manage.ManageOptions>>()?.Value is { Enabled: true } workspace
            ? $"/manage on (sign-in at {workspace.Authority})"
            : "/manage off (no Nurture:Manage:Authority)";
        // To the file outbox in earnest is the mistake this line is for: it is a warning unless the operator said it is meant.
        var level = (email + sms).Contains("file outbox", StringComparison.Ordinal) && !services.GetRequiredService<IOptions<OutboxOptions>>().Value.AllowedInProduction
            ? LogLevel.Warning
            : LogLevel.Information;
        LogLive(logger, level, email, sms, fhir, $"{twilio}; {intake}; {manage}");
    }

    [LoggerMessage(EventId = 9001, Message = "Sending email to {Email}; SMS to {Sms}; FHIR: {Fhir}; webhooks: {Webhooks}")]
    private static partial void LogLive(ILogger logger, LogLevel level, string email, string sms, string fhir, string webhooks);
}
