using System.Text.RegularExpressions;
using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>No condition or treatment named where others can see it: in a text, or in an email's subject.</summary>
internal static class PrivacyRules
{
    private static readonly string[] BuiltInTerms =
    [
        "acne", "rosacea", "eczema", "psoriasis", "dermatitis", "melanoma", "skin cancer", "cancer", "mole", "moles", "wart", "warts", "rash", "hives",
        "hair loss", "alopecia", "botox", "filler", "fillers", "implant", "implants", "dental implant", "dental implants", "denture", "dentures",
        "braces", "aligner", "aligners", "invisalign", "periodontitis", "gum disease", "root canal", "extraction", "cavity", "cavities",
        "diabetes", "pregnancy", "pregnant", "depression", "anxiety", "hiv", "std", "sti", "surgery", "biopsy",
    ];

    /// <summary>
    /// The words that say something about a patient's health: the built-in ones, the group's service lines and specialties,
    /// and <see cref="ContentCheckOptions.SensitiveTerms"/>; longest first.
    /// </summary>
    public static List<string> Terms(ClinicGroup group, ContentCheckOptions options) => BuiltInTerms
        .Concat(group.ServiceLines.Values.Select(l => l.Name))
        .Concat(group.ServiceLines.Values.SelectMany(l => l.Specialties).Select(s => s.Replace('-', ' ')))
        .Concat(options.SensitiveTerms)
        .Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 2).Distinct().OrderByDescending(t => t.Length).ToList();

    /// <summary>A condition or treatment named in a text or an email subject, where lock screens and inbox lists show it.</summary>
    public static void Check(MessageTemplate template, string text, List<string> terms, List<FileFinding> findings)
    {
        var (source, where) = template.Channel == Channel.Sms ? (template.BodySource, "a text message") : (template.SubjectSource ?? "", "an email subject");
        var offset = Math.Max(0, text.IndexOf(source, StringComparison.Ordinal));
        if (TemplateText.Uses(source, "service."))
        {
            var at = TemplateText.Position(text, offset + source.IndexOf("service.", StringComparison.Ordinal));
            findings.Add(new FileFinding(template.Path, at.Line, at.Column, FindingSeverity.Warning,
                $"{where} names the service the patient asked about ({{{{ service... }}}}); others can read it on a lock screen or in an inbox list — keep it to email bodies"));
        }

        var literal = TemplateText.WithoutTags(source);
        var reported = new HashSet<int>();
        foreach (var term in terms)
        {
            foreach (Match match in Regex.Matches(literal, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(term)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            {
                if (!reported.Add(match.Index))
                {
                    continue;
                }

                var at = TemplateText.Position(text, offset + match.Index);
                findings.Add(new FileFinding(template.Path, at.Line, at.Column, FindingSeverity.Warning,
                    $"'{match.Value}' in {where} says something about the patient's health where others can see it (lock screens, inbox lists); say it in the email body instead"));
            }
        }
    }
}
