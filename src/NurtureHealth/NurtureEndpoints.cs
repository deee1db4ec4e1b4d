using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NurtureHealth.Tracking;

namespace NurtureHealth;

/// <summary>The HTTP surface a host maps beside <see cref="NurtureHealthServiceCollectionExtensions.AddNurtureHealth"/>.</summary>
public static class NurtureEndpoints
{
    /// <summary>
    /// Maps <c>/twilio/inbound</c> and <c>/twilio/status</c> (signature-checked), <c>/u/{token}</c> (unsubscribe,
    /// RFC 8058), <c>/l/{token}</c> (click to book), <c>/intake/fhir</c> and <c>/bookings</c> (API key), and health:
    /// <c>/health/live</c> (the process answers; no check runs), <c>/health/ready</c> and <c>/health</c> (every check).
    /// </summary>
    public static IEndpointRouteBuilder MapNurtureEndpoints(this IEndpointRouteBuilder app)
    {
        TwilioWebhooks.Map(app);
        LinkEndpoints.Map(app);
        Leads.IntakeEndpoints.Map(app);
        BookingEndpoints.Map(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        return app;
    }

    /// <summary>The overall status and, per check, its status and what it says — so an operator sees why, not just that.</summary>
    private static Task WriteHealthAsync(Microsoft.AspNetCore.Http.HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(body));
    }
}
