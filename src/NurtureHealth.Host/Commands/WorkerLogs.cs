using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// The worker's console log carries a UTC timestamp on every line, in the plain and the JSON form
/// (<c>Logging:Console:FormatterName=json</c>), unless <c>Logging:Console:FormatterOptions:TimestampFormat</c> says otherwise.
/// </summary>
internal static class WorkerLogs
{
    private const string Format = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    public static void Timestamps(IServiceCollection services)
    {
        // Without a formatter name the console logger copies its obsolete options (no timestamp) over the formatter's.
        services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName ??= ConsoleFormatterNames.Simple);
        services.PostConfigure<SimpleConsoleFormatterOptions>(o => Stamp(o));
        services.PostConfigure<JsonConsoleFormatterOptions>(o => Stamp(o));
    }

    private static void Stamp(ConsoleFormatterOptions options)
    {
        if (options.TimestampFormat is null)
        {
            options.TimestampFormat = Format;
            options.UseUtcTimestamp = true;
        }
    }
}
