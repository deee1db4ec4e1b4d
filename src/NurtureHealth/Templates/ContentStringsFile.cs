using System.Globalization;
using Fluid;
using NurtureHealth.Locations;
using NurtureHealth.Yaml;

namespace NurtureHealth.Templates;

/// <summary>
/// Reads <c>templates/_strings/LANG.yaml</c>: every key is required except the staff note, which only English must
/// have (the staff read the group's working language); the culture must be one .NET knows; every text must be valid
/// Liquid using only the values its key offers. Mistakes are findings with the file, line and column.
/// </summary>
internal static class ContentStringsFile
{
    /// <summary>The folder under <c>templates/</c>.</summary>
    public const string Folder = "_strings";

    /// <summary>Each text's key and the values it may use.</summary>
    private static readonly Dictionary<string, string[]> TextKeys = new(StringComparer.Ordinal)
    {
        ["sms.stopped"] = ["group"],
        ["sms.resubscribed"] = ["group"],
        ["sms.help"] = ["location", "phone"],
        ["sms.help_no_location"] = ["group"],
        ["sms.confirmed"] = ["location", "when", "phone"],
        ["sms.reschedule"] = ["location", "when", "phone"],
        ["staff.hot_lead_subject"] = ["first_name", "location"],
        ["staff.hot_lead"] = ["first_name", "phone", "service", "location", "why", "paused"],
        ["staff.reply_subject"] = ["location", "maybe_stop"],
        ["staff.reply"] = ["first_name", "phone", "message", "location", "maybe_stop"],
        ["staff.reschedule_subject"] = ["first_name", "location"],
        ["staff.reschedule"] = ["first_name", "phone", "location", "why"],
    };

    /// <summary>Every language's words; English is required. Null when any file has an error.</summary>
    public static IReadOnlyDictionary<string, ContentStrings>? LoadAll(string templatesDirectory, List<FileFinding> findings)
    {
        var folder = Path.Combine(templatesDirectory, Folder);
        var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToList() : [];
        if (!files.Any(f => Path.GetFileName(f) == "en.yaml"))
        {
            findings.Add(new FileFinding(ClinicGroupLoader.Display(Path.Combine(folder, "en.yaml")), 1, 1, FindingSeverity.Error,
                "the English words are missing: templates/_strings/en.yaml holds the hours, slot and opt-out wording, the STOP/START/HELP replies and the staff note"));
            return null;
        }

        var errorsBefore = findings.Count(f => f.Severity == FindingSeverity.Error);
        var all = new Dictionary<string, ContentStrings>(StringComparer.Ordinal);
        var english = Read(files.Single(f => Path.GetFileName(f) == "en.yaml"), "en", null, findings);
        foreach (var file in files)
        {
            var language = Path.GetFileNameWithoutExtension(file);
            if (language == "en")
            {
                continue;
            }

            if (!LanguageTag.TryNormalize(language, out var normalized) || normalized != language)
            {
                findings.Add(new FileFinding(ClinicGroupLoader.Display(file), 1, 1, FindingSeverity.Error,
                    $"'{Path.GetFileName(file)}' is not named by a language: name it LANG.yaml (es.yaml, zh-Hant.yaml)"));
                continue;
            }

            if (Read(file, language, english, findings) is { } strings)
            {
                all[language] = strings;
            }
        }

        if (english is not null)
        {
            all["en"] = english;
        }

        return findings.Count(f => f.Severity == FindingSeverity.Error) > errorsBefore ? null : all;
    }

    private static ContentStrings? Read(string path, string language, ContentStrings? english, List<FileFinding> findings)
    {
        var display = ClinicGroupLoader.Display(path);
        var root = YamlDocumentReader.Open(path, display, findings);
        if (root is null)
        {
            return null;
        }

        root.RejectUnknownKeys("culture", "hours", "slots", "provider_fallback", "sms", "staff");
        var culture = Culture(root);
        var hours = root.Map("hours", required: true);
        hours?.RejectUnknownKeys("on_the_hour", "with_minutes");
        var texts = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        foreach (var (section, staff) in new[] { ("sms", false), ("staff", true) })
        {
            var map = root.Map(section, required: !staff || english is null);
            if (map is null)
            {
                continue;
            }

            var keys = TextKeys.Keys.Where(k => k.StartsWith($"{section}.", StringComparison.Ordinal)).Select(k => k[(section.Length + 1)..]).ToArray();
            map.RejectUnknownKeys([.. keys, .. section == "sms" ? ["opt_out"] : Array.Empty<string>()]);
            foreach (var key in keys)
            {
                if (Text(map, key, TextKeys[$"{section}.{key}"], display, findings) is { } text)
                {
                    texts[$"{section}.{key}"] = text;
                }
            }
        }

        // The staff read the group's working language: a language without its own staff note uses English's.
        foreach (var (key, text) in english?.Texts.Where(t => t.Key.StartsWith("staff.", StringComparison.Ordinal)) ?? [])
        {
            texts.TryAdd(key, text);
        }

        var strings = new
        {
            OnTheHour = hours?.String("on_the_hour", required: true),
            WithMinutes = hours?.String("with_minutes", required: true),
            Slot = root.String("slots", required: true),
            Provider = root.String("provider_fallback", required: true),
            OptOut = root.Map("sms")?.String("opt_out", required: true),
        };
        if (culture is null || strings.OnTheHour is null || strings.WithMinutes is null || strings.Slot is null || strings.Provider is null || strings.OptOut is null
            || texts.Count < TextKeys.Count)
        {
            return null;
        }

        foreach (var (key, format) in new[] { ("hours.on_the_hour", strings.OnTheHour), ("hours.with_minutes", strings.WithMinutes), ("slots", strings.Slot) })
        {
            if (!FormatsADate(format, culture))
            {
                root.File.Error(root.Start, $"{key}: '{format}' is not a .NET date and time format (h tt, H:mm, ddd MMM d)");
            }
        }

        return new ContentStrings
        {
            Language = language,
            Path = display,
            Culture = culture,
            OnTheHour = strings.OnTheHour,
            WithMinutes = strings.WithMinutes,
            Slot = strings.Slot,
            ProviderFallback = strings.Provider,
            OptOut = strings.OptOut,
            Texts = texts,
        };
    }

    private static CultureInfo? Culture(YamlMap root)
    {
        if (root.String("culture", required: true) is not { } name)
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            root.File.Error(root.MarkOf("culture"), $"culture: '{name}' is not a culture .NET knows (en-US, es-US, fr-CA)");
            return null;
        }
    }

    private static IFluidTemplate? Text(YamlMap map, string key, string[] values, string display, List<FileFinding> findings)
    {
        if (map.String(key, required: true) is not { } source)
        {
            return null;
        }

        var mark = map.MarkOf(key);
        if (!TemplateLibrary.LiquidParser.TryParse(source, out var template, out var error))
        {
            findings.Add(new FileFinding(display, (int)mark.Line, (int)mark.Column, FindingSeverity.Error, $"{map.Name(key)}: Liquid syntax error: {error.Split('\n')[0].Trim()}"));
            return null;
        }

        foreach (var problem in TemplateLinter.CheckNames(template, values))
        {
            findings.Add(new FileFinding(display, (int)mark.Line, (int)mark.Column, FindingSeverity.Error,
                $"{map.Name(key)}: {problem}; it may use {string.Join(", ", values.Select(v => $"{{{{ {v} }}}}"))}"));
        }

        return template;
    }

    private static bool FormatsADate(string format, CultureInfo culture)
    {
        try
        {
            _ = new DateTime(2026, 12, 1, 8, 30, 0, DateTimeKind.Unspecified).ToString(format, culture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
