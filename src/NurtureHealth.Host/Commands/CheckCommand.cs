using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NurtureHealth.Checks;
using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// <c>nurture check [PATH]</c>: checks every file under <c>locations/</c> and <c>templates/</c> and prints each finding
/// as <c>file:line:col: error|warning: message</c>, then a summary. Exit 1 with errors, 0 with warnings only or none,
/// 2 when the folders cannot be found. Fast enough for a pre-commit hook (see docs/checking.md).
/// </summary>
internal static class CheckCommand
{
    /// <summary>Exit code when a file has an error.</summary>
    public const int HasErrors = 1;

    public static Command Create()
    {
        var path = new Argument<string?>("PATH") { Description = "A folder holding locations/ and templates/ (default: the configured folders).", Arity = ArgumentArity.ZeroOrOne };
        var locations = CommonOptions.Locations();
        var templates = CommonOptions.Templates();
        var command = new Command("check", "Check the location files and templates: every mistake with its file, line and column.") { path, locations, templates };
        command.SetAction((result, cancellationToken) => ToolHost.RunAsync(
            CommonOptions.Overrides(result, locations, null),
            needsDatabase: false,
            (services, _) => Task.FromResult(Run(services, result.GetValue(path), result.GetValue(locations), result.GetValue(templates))),
            cancellationToken));
        return command;
    }

    private static int Run(IServiceProvider services, string? root, string? locationsOption, string? templatesOption)
    {
        var locations = locationsOption ?? (root is null ? services.GetRequiredService<IOptions<LocationsOptions>>().Value.Path : Path.Combine(root, "locations"));
        var templates = templatesOption ?? (root is null ? services.GetRequiredService<IOptions<TemplatesOptions>>().Value.Path : Path.Combine(root, "templates"));
        if (!Directory.Exists(locations) && !Directory.Exists(templates))
        {
            Console.Error.WriteLine($"Neither {locations} nor {templates} exists: run nurture check in the folder holding locations/ and templates/, or name it (nurture check PATH).");
            return ToolHost.ConfigurationError;
        }

        var watch = Stopwatch.StartNew();
        var result = ContentCheck.Run(locations, templates, services.GetRequiredService<IOptions<ContentCheckOptions>>().Value);
        if (services.GetRequiredService<IOptions<HandOffs.HandOffOptions>>().Value.Sequence is { } handOff && result.Sequences is { } sequences && sequences.Find(handOff) is null)
        {
            result = result with
            {
                Findings = [.. result.Findings, new FileFinding(ClinicGroupLoader.Display(templates), 1, 1, FindingSeverity.Error,
                    $"Nurture:HandOff:Then names the hand-off sequence '{handOff}', but there is no such sequence here; there are: {string.Join(", ", sequences.Sequences.Select(s => s.Id))}")],
            };
        }

        foreach (var finding in result.Findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column))
        {
            Console.WriteLine(finding);
        }

        var errors = result.Findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = result.Findings.Count - errors;
        Console.WriteLine(errors + warnings == 0
            ? $"No problems in {result.Files} files ({watch.ElapsedMilliseconds} ms)."
            : $"{Count(errors, "error")}, {Count(warnings, "warning")} in {result.Files} files ({watch.ElapsedMilliseconds} ms).");
        return errors > 0 ? HasErrors : 0;
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";
}
