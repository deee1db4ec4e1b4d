using System.CommandLine;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Checks;
using NurtureHealth.Locations;
using NurtureHealth.Storage;
using NurtureHealth.Templates;
using NurtureHealth.Touches;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// <c>nurture preview</c>: what a patient would get from one step, rendered exactly as it would be sent, with the file each
/// part came from; or, with <c>--serve</c>, a page on 127.0.0.1 to browse every location, sequence, step and language.
/// Exit 0, 1 when the files have errors or the step cannot be previewed, 2 for bad usage.
/// </summary>
internal static class PreviewCommand
{
    public static Command Create()
    {
        var location = new Option<string?>("--location") { HelpName = "ID", Description = "The location id (its folder under locations/)." };
        var sequence = new Option<string?>("--sequence") { HelpName = "ID", Description = "The sequence id (its folder under templates/)." };
        var step = new Option<string?>("--step") { HelpName = "N|ID", Description = "The step: its number (1, 2, …) or its id." };
        var language = new Option<string>("--lang") { HelpName = "LANG", Description = "The patient's language.", DefaultValueFactory = _ => "en" };
        var channel = new Option<string?>("--channel") { HelpName = "email|sms", Description = "email or sms: fail unless the step is on this channel." };
        var template = new Option<string?>("--template") { HelpName = "NAME", Description = "For a step that branches or is A/B tested: which of its templates." };
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Write email.html and email.txt, or sms.txt, into this folder." };
        var lead = new Option<string?>("--lead") { HelpName = "LEAD-ID", Description = "Preview for this lead (its id in the lead file) instead of the sample patient." };
        var serve = new Option<bool>("--serve") { Description = "Serve the preview page on http://127.0.0.1:PORT until Ctrl+C." };
        var port = new Option<int>("--port") { HelpName = "PORT", Description = "The preview page's port.", DefaultValueFactory = _ => 5057 };
        var locations = CommonOptions.Locations();
        var templates = CommonOptions.Templates();
        var database = CommonOptions.Database();
        var command = new Command("preview", "Show exactly what a patient would get from a step, and which file each part came from.")
        {
            location, sequence, step, language, channel, template, output, lead, serve, port, locations, templates, database,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var overrides = CommonOptions.Overrides(result, locations, database);
            if (result.GetValue(templates) is { } t)
            {
                overrides["Nurture:Templates:Path"] = t;
            }

            if (result.GetValue(serve))
            {
                return await ServeAsync(overrides, result.GetValue(port), cancellationToken);
            }

            if (result.GetValue(location) is null && result.GetValue(lead) is null || result.GetValue(sequence) is null || result.GetValue(step) is null)
            {
                await Console.Error.WriteLineAsync("Say what to preview: --location L --sequence S --step N (or --lead ID instead of --location), or --serve for the preview page.");
                return ToolHost.ConfigurationError;
            }

            return await ToolHost.RunAsync(overrides, needsDatabase: false, (services, ct) => RunAsync(services, new Args(
                result.GetValue(location), result.GetValue(sequence)!, result.GetValue(step)!, result.GetValue(language)!, result.GetValue(channel),
                result.GetValue(template), result.GetValue(output), result.GetValue(lead)), ct), cancellationToken);
        });
        return command;
    }

    private sealed record Args(string? Location, string Sequence, string Step, string Language, string? Channel, string? Template, string? Output, string? Lead);

    private static async Task<int> RunAsync(IServiceProvider services, Args args, CancellationToken cancellationToken)
    {
        var (locationsPath, templatesPath) = Folders(services);
        var content = ContentCheck.Run(locationsPath, templatesPath, services.GetRequiredService<IOptions<ContentCheckOptions>>().Value);
        if (content.HasErrors)
        {
            await Console.Error.WriteLineAsync("The files have errors, so nothing can be previewed until they are fixed:");
            foreach (var finding in content.Findings.Where(f => f.Severity == Yaml.FindingSeverity.Error))
            {
                await Console.Error.WriteLineAsync("  " + finding);
            }

            return CheckCommand.HasErrors;
        }

        var request = new PreviewRequest(args.Location ?? "", args.Sequence, args.Step, args.Language, Template: args.Template);
        if (args.Lead is { } leadId)
        {
            if (await ToolHost.RequireExistingDatabaseAsync(services, cancellationToken) is { } missing)
            {
                return missing;
            }

            await using var db = await services.GetRequiredService<IDbContextFactory<NurtureDbContext>>().CreateDbContextAsync(cancellationToken);
            var lead = await db.Leads.AsNoTracking().Where(l => l.ExternalId == leadId).OrderByDescending(l => l.Id).FirstOrDefaultAsync(cancellationToken);
            if (lead?.LocationId is null)
            {
                await Console.Error.WriteLineAsync(lead is null ? $"No lead '{leadId}' in the database (import it first)." : $"Lead '{leadId}' was not placed at a location ({lead.UnresolvedReason}).");
                return ToolHost.ConfigurationError;
            }

            request = request with { Location = args.Location ?? lead.LocationId, Language = lead.Language, FirstName = lead.FirstName };
            request = request with { ProviderId = lead.ProviderId, ServiceLine = lead.ServiceLine };
        }

        PreviewResult preview;
        try
        {
            preview = MessagePreview.Render(content, request, locationsPath);
        }
        catch (PreviewException e)
        {
            await Console.Error.WriteLineAsync($"Cannot preview: {e.Message}");
            return CheckCommand.HasErrors;
        }

        var channelName = preview.Channel == Channel.Sms ? "sms" : "email";
        if (args.Channel is { } wanted && !string.Equals(wanted, channelName, StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"Cannot preview: step '{preview.Step.Id}' of {preview.Sequence.Id} is {(preview.Channel == Channel.Sms ? "an SMS" : "an email")}, not {wanted}.");
            return CheckCommand.HasErrors;
        }

        Print(preview, request.FirstName, args.Lead is not null);
        if (args.Output is { } folder)
        {
            Directory.CreateDirectory(folder);
            if (preview.Email is { } email)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "email.html"), email.Html, cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(folder, "email.txt"), $"Subject: {email.Subject}\nPreview text: {email.Preheader}\n\n{email.Text}", cancellationToken);
                Console.WriteLine($"Wrote {Path.Combine(folder, "email.html")} (open it in a browser) and {Path.Combine(folder, "email.txt")}.");
            }
            else
            {
                var size = preview.SmsSize!;
                await File.WriteAllTextAsync(Path.Combine(folder, "sms.txt"), $"{preview.Sms}\n\n({Describe(size)})\n", cancellationToken);
                Console.WriteLine($"Wrote {Path.Combine(folder, "sms.txt")}.");
            }
        }

        return 0;
    }

    private static void Print(PreviewResult preview, string firstName, bool realLead)
    {
        Console.WriteLine($"{preview.Location.Name} · {preview.Sequence.Id} step {preview.Step.Index + 1} '{preview.Step.Id}' " +
                          $"({(preview.Channel == Channel.Sms ? "SMS" : "email")}, {preview.Step.Stage.ToString().ToLowerInvariant()}) · {preview.Language}");
        foreach (var part in preview.Parts)
        {
            Console.WriteLine($"  {part.Part + ":",-18} {part.File} — {part.Source}");
        }

        Console.WriteLine($"  {"patient:",-18} {firstName}{(realLead ? " (the lead's first name only)" : " (a sample; --lead ID previews for a real lead)")}"
                          + (preview.ProviderName is { } p ? $", matched to {p}" : ", no provider matched"));
        if (preview.OtherTemplates.Count > 0)
        {
            Console.WriteLine($"  {"other versions:",-18} {string.Join(", ", preview.OtherTemplates)} (branches or A/B variants; --template NAME shows one)");
        }

        Console.WriteLine();
        if (preview.Email is { } email)
        {
            Console.WriteLine($"Subject: {email.Subject}");
            Console.WriteLine($"Preview text: {email.Preheader}");
            Console.WriteLine();
            Console.WriteLine(email.Text.TrimEnd());
        }
        else
        {
            Console.WriteLine(preview.Sms);
            Console.WriteLine();
            Console.WriteLine($"SMS: {Describe(preview.SmsSize!)}");
        }
    }

    private static string Describe(SmsSize size) =>
        $"{size.Segments} {(size.Segments == 1 ? "part" : "parts")}, {(size.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : $"UCS-2 because of '{size.FirstNonGsmCharacter}'")}, {size.Length} characters";

    private static (string Locations, string Templates) Folders(IServiceProvider services) =>
        (services.GetRequiredService<IOptions<LocationsOptions>>().Value.Path, services.GetRequiredService<IOptions<TemplatesOptions>>().Value.Path);

    private static async Task<int> ServeAsync(Dictionary<string, string?> overrides, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        NurtureHostBuilder.Sources(builder.Configuration, overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).AddFilter("Microsoft", LogLevel.Warning);
        ListenCheck.EnsureFree($"http://127.0.0.1:{port}",
            $"Is a preview page open already? Stop it, or choose another port: nurture preview --serve --port {(port == 65535 ? 5058 : port + 1)}.");
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var locationsPath = builder.Configuration["Nurture:Locations:Path"] ?? "locations";
        var templatesPath = builder.Configuration["Nurture:Templates:Path"] ?? "templates";
        var checkOptions = new ContentCheckOptions();
        builder.Configuration.GetSection("Nurture:Check").Bind(checkOptions);
        await using var app = builder.Build();
        app.MapGet("/", (HttpRequest request) =>
        {
            var content = ContentCheck.Run(locationsPath, templatesPath, checkOptions);
            var page = PreviewPage.Render(content, request.Query["location"], request.Query["sequence"], request.Query["step"], request.Query["lang"], locationsPath);
            return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8);
        });
        await app.StartAsync(cancellationToken);
        Console.WriteLine($"Preview page: http://127.0.0.1:{port}/ (only this computer can open it; Ctrl+C stops it)");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
