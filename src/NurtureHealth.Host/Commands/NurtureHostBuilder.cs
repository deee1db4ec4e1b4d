using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NurtureHealth.Checks;
using NurtureHealth.Manage;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// Builds the host every command runs in. Configuration, later sources winning: appsettings.json shipped
/// beside the binary; appsettings.json in the current folder; environment variables
/// (<c>Nurture__Storage__ConnectionString</c>); secret files (<see cref="SecretFolders"/>); then the command's own options.
/// </summary>
internal static class NurtureHostBuilder
{
    public static HostApplicationBuilder Create(IReadOnlyDictionary<string, string?> overrides, bool tool, Action<IServiceCollection>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            DisableDefaults = false,
        });
        Sources(builder.Configuration, overrides);

        if (tool)
        {
            // Tools print their own results on stdout; the log only speaks up for problems, on stderr.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddFilter("NurtureHealth", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
            builder.Logging.AddFilter("Quartz", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        }

        builder.Services.AddNurtureHealth(builder.Configuration);
        configure?.Invoke(builder.Services); // after: what the caller registers replaces the library's (the demo's clock and wake-ups)
        return builder;
    }

    /// <summary>The worker: the same services, plus the HTTP surface (webhooks, unsubscribe, click tracking, health).</summary>
    public static WebApplication CreateWorker(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        Sources(builder.Configuration, overrides);
        // Under systemd: Type=notify (ready once listening), stopping on SIGTERM, and journald's log levels.
        builder.Services.AddSystemd();
        builder.WebHost.UseUrls(builder.Configuration["Nurture:Http:Urls"] ?? "http://127.0.0.1:8080");
        // Small for everything (webhooks, links); the integration API raises it to Nurture:Api:MaxBodyBytes per request, once the caller is known.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024);
        // Request logs name the path, and a path here can be a link token (/u/…, /l/…): they stay off, whatever the settings say.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // Every health probe and webhook would log "Executing endpoint" twice at Information: kept below it.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        // An Unhealthy check would log an error on every probe; /health/ready says it, and so does the start (LiveSenders).
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical);
        // The workspace: every visit before sign-in is an "authorization failed" and a challenge at Information; failures still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Authorization", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Authentication", LogLevel.Warning);
        WorkerLogs.Timestamps(builder.Services);
        builder.Services.AddNurtureHealth(builder.Configuration);
        builder.Services.AddHotReload(builder.Configuration);
        // The location managers' workspace under /manage, when Nurture:Manage:Authority names the group's identity provider.
        var manage = builder.Services.AddNurtureManage(builder.Configuration);
        var prometheus = TelemetrySetup.Add(builder);
        var app = builder.Build();
        if (manage)
        {
            app.UseNurtureManage();
        }

        app.MapNurtureEndpoints();
        if (prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
        return app;
    }

    internal static void Sources(IConfigurationManager configuration, IReadOnlyDictionary<string, string?> overrides)
    {
        configuration.Sources.Clear();
        configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        if (overrides.GetValueOrDefault(CommonOptions.ConfigFileKey) is { } file)
        {
            configuration.AddJsonFile(File.Exists(file) ? file : throw new SettingsFileMissingException(file), optional: false);
        }

        configuration.AddEnvironmentVariables();
        foreach (var folder in SecretFolders())
        {
            // One file per setting, named with __ for : (Nurture__Links__SigningKey); a trailing newline is not part of the value.
            configuration.AddKeyPerFile(folder, optional: true, reloadOnChange: false);
        }

        configuration.AddInMemoryCollection(overrides.Where(o => o.Key != CommonOptions.ConfigFileKey));
    }

    /// <summary>
    /// Where secrets are read from files: systemd's credentials folder (<c>LoadCredential=</c>), <c>/run/secrets</c>
    /// (Docker), and <c>NURTURE_SECRETS_DIR</c> — later ones winning.
    /// </summary>
    private static IEnumerable<string> SecretFolders() =>
        new[] { Environment.GetEnvironmentVariable("CREDENTIALS_DIRECTORY"), "/run/secrets", Environment.GetEnvironmentVariable("NURTURE_SECRETS_DIR") }
            .OfType<string>().Where(f => f.Length > 0 && Directory.Exists(f));
}
