using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Yaml;

namespace NurtureHealth.Host.Commands;

/// <summary><c>nurture run</c>: the hosted worker. Stops gracefully on Ctrl+C or SIGTERM.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var locations = CommonOptions.Locations();
        var templates = CommonOptions.Templates();
        var database = CommonOptions.Database();
        var command = new Command("run", "Run the worker: watch the lead inbox and nurture leads until stopped.") { locations, templates, database };
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var overrides = CommonOptions.Overrides(result, locations, database);
                if (result.GetValue(templates) is { } t)
                {
                    overrides["Nurture:Templates:Path"] = t;
                }

                await using var host = NurtureHostBuilder.CreateWorker(overrides);

                // Settings (each one read and checked) and the address come first, before anything is created or logged.
                host.Services.GetService<IStartupValidator>()?.Validate();
                _ = host.Services.GetRequiredService<IOptions<Messaging.LinksOptions>>().Value; // a worker that sends needs its link settings
                ListenCheck.EnsureFree(host.Configuration["Nurture:Http:Urls"] ?? "http://127.0.0.1:8080",
                    "Stop that program, or choose a free address: Nurture:Http:Urls (Nurture__Http__Urls=http://127.0.0.1:8081).");

                // The content is checked before anything starts, so a mistake is named plainly instead of inside a failed start.
                _ = host.Services.GetRequiredService<LocationCatalog>().Group;
                var content = host.Services.GetRequiredService<SequenceContent>();
                _ = content.Current;
                if (host.Services.GetRequiredService<IOptions<HandOffs.HandOffOptions>>().Value.Sequence is { } handOff && content.Sequences.Find(handOff) is null)
                {
                    await Console.Error.WriteLineAsync($"Configuration is not valid:{Environment.NewLine}  Nurture:HandOff:Then names the sequence '{handOff}', but templates/ has no such sequence; " +
                                                       $"there are: {string.Join(", ", content.Sequences.Sequences.Select(x => x.Id))}");
                    return ToolHost.ConfigurationError;
                }

                LiveSenders.Log(host.Services);
                await host.RunAsync(cancellationToken);
                return 0;
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync("Configuration is not valid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", e.Failures.Select(UserFailures.Plain)));
                return ToolHost.ConfigurationError;
            }
            catch (FileFindingsException e)
            {
                await Console.Error.WriteLineAsync("The location or template files have errors; fix them and start again (nurture check lists them all):" + Environment.NewLine +
                                                   "  " + string.Join(Environment.NewLine + "  ", e.Findings));
                return ToolHost.ConfigurationError;
            }
            catch (Storage.DatabaseInUseException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return ToolHost.DatabaseInUse;
            }
        });
        return command;
    }
}
