using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NurtureHealth.Yaml;

namespace NurtureHealth.Host.Commands;

/// <summary><c>nurture run</c>: the hosted worker. Stops gracefully on Ctrl+C or SIGTERM.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var locations = CommonOptions.Locations();
        var database = CommonOptions.Database();
        var command = new Command("run", "Run the worker: watch the lead inbox and nurture leads until stopped.") { locations, database };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                await using var host = NurtureHostBuilder.CreateWorker(CommonOptions.Overrides(result, locations, database));
                await host.RunAsync(cancellationToken);
                return 0;
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync("Configuration is not valid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", e.Failures));
                return ToolHost.ConfigurationError;
            }
            catch (FileFindingsException e)
            {
                await Console.Error.WriteLineAsync("The location files have errors; fix them and start again:" + Environment.NewLine +
                                                   "  " + string.Join(Environment.NewLine + "  ", e.Findings));
                return ToolHost.ConfigurationError;
            }
        });
        return command;
    }
}
