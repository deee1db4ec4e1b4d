using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using NurtureHealth.Messaging.Sms;
using NurtureHealth.Tracking;

namespace NurtureHealth;

/// <summary>The HTTP surface a host maps beside <see cref="NurtureHealthServiceCollectionExtensions.AddNurtureHealth"/>.</summary>
public static class NurtureEndpoints
{
    /// <summary>
    /// Maps <c>/twilio/inbound</c> and <c>/twilio/status</c> (signature-checked), <c>/u/{token}</c> (unsubscribe,
    /// RFC 8058), <c>/l/{token}</c> (click to book) and <c>/health</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapNurtureEndpoints(this IEndpointRouteBuilder app)
    {
        TwilioWebhooks.Map(app);
        LinkEndpoints.Map(app);
        app.MapHealthChecks("/health");
        return app;
    }
}
