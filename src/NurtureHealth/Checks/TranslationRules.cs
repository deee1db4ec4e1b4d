using System.Globalization;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>Every language is there: each step in every language the group writes in, and each location's override too.</summary>
internal static class TranslationRules
{
    /// <summary>A step the group has in some language but not in another: those patients get the English instead.</summary>
    public static void Check(TemplateLibrary templates, List<FileFinding> findings)
    {
        var group = templates.All.Where(t => t.LocationId is null).ToList();
        var languages = group.Select(t => t.Language).Distinct().ToList();
        foreach (var set in group.GroupBy(t => (t.Sequence, t.Step)))
        {
            var english = set.FirstOrDefault(t => t.Language == "en") ?? set.First();
            foreach (var language in languages.Where(l => set.All(t => t.Language != l)))
            {
                findings.Add(new FileFinding(english.Path, 1, 1, FindingSeverity.Warning,
                    $"no {Name(language)} version: add templates/{set.Key.Sequence}/{set.Key.Step}.{language}.{(english.Channel == Channel.Email ? "md" : "txt")} — {Name(language)}-speaking patients get this one instead"));
            }
        }

        foreach (var set in templates.All.Where(t => t.LocationId is not null).GroupBy(t => (t.LocationId, t.Sequence, t.Step)))
        {
            var groupLanguages = group.Where(t => t.Sequence == set.Key.Sequence && t.Step == set.Key.Step).Select(t => t.Language);
            foreach (var language in groupLanguages.Where(l => set.All(t => t.Language != l)))
            {
                var first = set.First();
                findings.Add(new FileFinding(first.Path, 1, 1, FindingSeverity.Warning,
                    $"this location's version has no {Name(language)} copy, so {Name(language)}-speaking patients here get the group's wording: add {Path.GetFileName(first.Path).Replace($".{first.Language}.", $".{language}.", StringComparison.Ordinal)} beside it"));
            }
        }
    }

    private static string Name(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language).EnglishName.Split(' ')[0];
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }
}
