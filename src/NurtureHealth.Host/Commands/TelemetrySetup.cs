using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NurtureHealth.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// Exports the <c>NurtureHealth</c> Meter and ActivitySource when asked: by OTLP to <c>Nurture:Telemetry:OtlpEndpoint</c>
/// (metrics and traces), and as Prometheus text on <c>/metrics</c> when <c>Nurture:Telemetry:Prometheus</c> is true.
/// Neither set, nothing is collected.
/// </summary>
internal static class TelemetrySetup
{
    public static bool Add(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Nurture:Telemetry");
        var otlp = section["OtlpEndpoint"] is { Length: > 0 } endpoint ? Endpoint(endpoint) : null;
        var prometheus = section["Prometheus"] is { Length: > 0 } flag && Flag(flag);
        if (otlp is null && !prometheus)
        {
            return false;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("nurture", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString(), serviceInstanceId: Environment.MachineName))
            .WithMetrics(m =>
            {
                m.AddMeter(NurtureMetrics.Name);
                if (prometheus)
                {
                    m.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    m.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(t => t.AddSource(NurtureMetrics.Name).AddOtlpExporter(o => o.Endpoint = otlp));
        }

        return prometheus;
    }

    private static Uri Endpoint(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new OptionsValidationException("Nurture:Telemetry", typeof(object),
                ["Nurture:Telemetry:OtlpEndpoint must be an http:// or https:// address of an OpenTelemetry collector (such as http://otel-collector:4317)."]);

    private static bool Flag(string value) =>
        bool.TryParse(value, out var on)
            ? on
            : throw new OptionsValidationException("Nurture:Telemetry", typeof(object), ["Nurture:Telemetry:Prometheus must be true or false."]);
}
