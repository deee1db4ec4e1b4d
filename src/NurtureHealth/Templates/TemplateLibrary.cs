using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Fluid;
using NurtureHealth.Locations;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Templates;

/// <summary>
/// Every message template of the group and every location override, parsed and checked when loaded.
/// Look-up order for a patient: the location's override in their language, the group's in their
/// language, then the same two in English. A file with a mistake is reported with its line and
/// column and never reaches a patient.
/// </summary>
public sealed partial class TemplateLibrary
{
    /// <summary>The folder under <c>templates/</c> that holds the shared email layouts.</summary>
    public const string LayoutsFolder = "_layouts";

    private static readonly FluidParser Parser = new();
    private readonly Dictionary<TemplateKey, MessageTemplate> _templates;

    private readonly Dictionary<string, EmailLayout> _layouts;
    private readonly IReadOnlyDictionary<string, ContentStrings> _strings;

    private TemplateLibrary(Dictionary<TemplateKey, MessageTemplate> templates, Dictionary<string, EmailLayout> layouts, IReadOnlyDictionary<string, ContentStrings> strings)
    {
        _templates = templates;
        _layouts = layouts;
        _strings = strings;
    }

    /// <summary>The words NurtureHealth writes itself in a language (<c>_strings/LANG.yaml</c>), English when there are none.</summary>
    public ContentStrings StringsFor(string language) =>
        LanguagesFor(language).Select(l => _strings.GetValueOrDefault(l)).OfType<ContentStrings>().First();

    /// <summary>Every language's words.</summary>
    public IReadOnlyDictionary<string, ContentStrings> Strings => _strings;

    /// <summary>Options every render uses: strict variables and filters, snake_case model members.</summary>
    public static TemplateOptions Options { get; } = CreateOptions();

    /// <summary>The shared email layout in a language (<c>_layouts/email.LANG.html</c> and <c>.txt</c>), English when there is none.</summary>
    public EmailLayout LayoutFor(string language) =>
        LanguagesFor(language).Select(l => _layouts.GetValueOrDefault(l)).OfType<EmailLayout>().First();

    /// <summary>Every layout, by language.</summary>
    public IReadOnlyDictionary<string, EmailLayout> Layouts => _layouts;

    /// <summary>Every template loaded.</summary>
    public IEnumerable<MessageTemplate> All => _templates.Values;

    /// <summary>Loads the group's templates and every location's overrides; returns null when any file has an error.</summary>
    public static TemplateLibrary? TryLoad(string templatesDirectory, string locationsDirectory, out IReadOnlyList<FileFinding> findings)
    {
        var list = new List<FileFinding>();
        findings = list;
        if (!Directory.Exists(templatesDirectory))
        {
            list.Add(new FileFinding(ClinicGroupLoader.Display(templatesDirectory), 1, 1, FindingSeverity.Error,
                "the templates folder does not exist (pass --templates DIR or set Nurture:Templates:Path)"));
            return null;
        }

        var layouts = LoadLayouts(Path.Combine(templatesDirectory, LayoutsFolder), list);
        var strings = ContentStringsFile.LoadAll(templatesDirectory, list);
        var templates = new Dictionary<TemplateKey, MessageTemplate>();
        foreach (var sequenceFolder in Directory.EnumerateDirectories(templatesDirectory).Where(d => !IsContentFolder(Path.GetFileName(d))))
        {
            LoadFolder(sequenceFolder, null, templates, list);
        }

        if (Directory.Exists(locationsDirectory))
        {
            foreach (var locationFolder in Directory.EnumerateDirectories(locationsDirectory))
            {
                var overrides = Path.Combine(locationFolder, "templates");
                if (!Directory.Exists(overrides))
                {
                    continue;
                }

                var locationId = Path.GetFileName(locationFolder);
                foreach (var sequenceFolder in Directory.EnumerateDirectories(overrides))
                {
                    LoadFolder(sequenceFolder, locationId, templates, list);
                }
            }
        }

        foreach (var orphan in templates.Values.Where(t => t.LocationId is not null && !templates.Keys.Any(k => k.Location is null && k.Sequence == t.Sequence && k.Step == t.Step)))
        {
            list.Add(new FileFinding(orphan.Path, 1, 1, FindingSeverity.Warning,
                $"this override has no group template behind it (templates/{orphan.Sequence}/{orphan.Step}.*): check the step id"));
        }

        foreach (var language in templates.Keys.Select(k => k.Language).Distinct().Where(l => strings is not null && !strings.ContainsKey(l) && !strings.ContainsKey(LanguageTag.Primary(l))).Order())
        {
            list.Add(new FileFinding(ClinicGroupLoader.Display(Path.Combine(templatesDirectory, ContentStringsFile.Folder, $"{language}.yaml")), 1, 1, FindingSeverity.Warning,
                $"there are templates in '{language}' but no words for it: their opening hours, free slots, opt-out line and STOP/HELP replies are in English until _strings/{language}.yaml is added"));
        }

        return list.Any(f => f.Severity == FindingSeverity.Error) || strings is null ? null : new TemplateLibrary(templates, layouts, strings);
    }

    /// <summary>The folders under <c>templates/</c> that hold shared content rather than a sequence: <c>_layouts</c>, <c>_strings</c>.</summary>
    public static bool IsContentFolder(string name) => name is LayoutsFolder or ContentStringsFile.Folder;

    /// <summary>Loads everything or throws <see cref="FileFindingsException"/> naming every error.</summary>
    public static TemplateLibrary Load(string templatesDirectory, string locationsDirectory) =>
        TryLoad(templatesDirectory, locationsDirectory, out var findings) ?? throw new FileFindingsException(findings);

    /// <summary>The template a patient gets: location override → group, their language → English.</summary>
    public MessageTemplate? Find(string? locationId, string sequence, string step, string language)
    {
        foreach (var lang in LanguagesFor(language))
        {
            if (locationId is not null && _templates.TryGetValue(new TemplateKey(locationId, sequence, step, lang), out var local))
            {
                return local;
            }

            if (_templates.TryGetValue(new TemplateKey(null, sequence, step, lang), out var shared))
            {
                return shared;
            }
        }

        return null;
    }

    /// <summary>True when the group has this step's template in this exact language.</summary>
    public bool HasGroupTemplate(string sequence, string step, string language) => _templates.ContainsKey(new TemplateKey(null, sequence, step, language));

    private static IEnumerable<string> LanguagesFor(string language)
    {
        yield return language;
        var primary = LanguageTag.Primary(language);
        if (primary != language)
        {
            yield return primary;
        }

        if (primary != "en")
        {
            yield return "en";
        }
    }

    private static void LoadFolder(string folder, string? locationId, Dictionary<TemplateKey, MessageTemplate> templates, List<FileFinding> findings)
    {
        var sequence = Path.GetFileName(folder);
        foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name == "sequence.yaml" || name.StartsWith('.'))
            {
                continue;
            }

            var display = ClinicGroupLoader.Display(file);
            var match = FileName().Match(name);
            if (!match.Success)
            {
                findings.Add(new FileFinding(display, 1, 1, FindingSeverity.Error,
                    $"'{name}' is not a template name: write STEP.LANGUAGE.md for an email or STEP.LANGUAGE.txt for an SMS (welcome.en.md, check-in.es.txt)"));
                continue;
            }

            var template = TemplateFile.Parse(file, display, locationId, sequence, match.Groups["step"].Value, match.Groups["lang"].Value,
                match.Groups["ext"].Value == "md" ? Channel.Email : Channel.Sms, findings);
            if (template is not null)
            {
                templates[new TemplateKey(locationId, sequence, template.Step, template.Language)] = template;
            }
        }
    }

    private static Dictionary<string, EmailLayout> LoadLayouts(string folder, List<FileFinding> findings)
    {
        var layouts = new Dictionary<string, EmailLayout>(StringComparer.Ordinal);
        var languages = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "email.*.html").Select(f => Path.GetFileName(f).Split('.')[1]).Append("en").Distinct().Order()
            : (IEnumerable<string>)["en"];
        foreach (var language in languages)
        {
            var html = Path.Combine(folder, $"email.{language}.html");
            var text = Path.Combine(folder, $"email.{language}.txt");
            var htmlTemplate = TemplateFile.ParseLayout(html, findings);
            var textTemplate = TemplateFile.ParseLayout(text, findings);
            if (htmlTemplate is null || textTemplate is null)
            {
                continue;
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData([.. File.ReadAllBytes(html), .. File.ReadAllBytes(text)]));
            layouts[language] = new EmailLayout(ClinicGroupLoader.Display(html), ClinicGroupLoader.Display(text), hash) { Html = htmlTemplate, Text = textTemplate };
        }

        return layouts;
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { StrictVariables = true, StrictFilters = true, MaxSteps = 100_000 };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        options.MemberAccessStrategy.Register<MessageModel>();
        options.MemberAccessStrategy.Register<PatientModel>();
        options.MemberAccessStrategy.Register<LocationModel>();
        options.MemberAccessStrategy.Register<ProviderModel>();
        options.MemberAccessStrategy.Register<LinksModel>();
        options.MemberAccessStrategy.Register<GroupModel>();
        options.MemberAccessStrategy.Register<ServiceModel>();
        options.MemberAccessStrategy.Register<SlotsModel>();
        options.MemberAccessStrategy.Register<AppointmentModel>();
        options.MemberAccessStrategy.Register<SlotTimeModel>();
        return options;
    }

    internal static FluidParser LiquidParser => Parser;

    private readonly record struct TemplateKey(string? Location, string Sequence, string Step, string Language);

    [GeneratedRegex(@"^(?<step>[a-z0-9][a-z0-9-]*)\.(?<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,4})?)\.(?<ext>md|txt)$")]
    private static partial Regex FileName();
}
