using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// Builds the host every command runs in. Configuration, later sources winning: appsettings.json shipped
/// beside the binary; appsettings.json in the current folder; NURTURE_-free environment variables
/// (<c>Nurture__Storage__ConnectionString</c>); then the command's own options.
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
        builder.Configuration.Sources.Clear();
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides);

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

        configure?.Invoke(builder.Services);
        builder.Services.AddNurtureHealth(builder.Configuration);
        return builder;
    }
}
