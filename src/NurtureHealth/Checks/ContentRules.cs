using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>
/// The rules a message must meet beyond loading: what the law and patients' privacy ask (an unsubscribe link and a
/// postal address in every email, opt-out wording in the first text, no condition named where others can see it), what
/// the sequence is for (a booking link in every decision step), what it costs (texts within the segment budget, and
/// the character that made one UCS-2), and that every language is there. Rendered with a sample patient at every
/// location a template can reach, so a long location name or an accented one is caught too.
/// </summary>
internal static class ContentRules
{
    public static void Check(ClinicGroup group, TemplateLibrary templates, SequenceCatalog sequences, ContentCheckOptions options, List<FileFinding> findings)
    {
        var terms = PrivacyRules.Terms(group, options);
        LayoutRules.Check(group, templates, findings);
        foreach (var sequence in sequences.Sequences)
        {
            var firstSms = sequence.Steps.FirstOrDefault(s => s.Wait is null && s.Channel == Channel.Sms && s.Variants.Count == 0)?.Id;
            foreach (var step in sequence.Steps.Where(s => s.Wait is null))
            {
                var ids = new[] { step.Id }.Concat(step.Choices.Select(c => c.Template)).Concat(step.Variants.Select(v => v.Template)).Distinct().ToList();
                var files = templates.All.Where(t => t.Sequence == sequence.Id && ids.Contains(t.Step)).ToList();
                foreach (var template in files)
                {
                    var locations = Reach(group, sequence, template);
                    if (step.Stage == FunnelStage.Decision && !TemplateText.Uses(template, "links.booking"))
                    {
                        findings.Add(new FileFinding(template.Path, 1, 1, FindingSeverity.Error,
                            $"'{step.Id}' is a decision step of {sequence.Id}, but this message has no booking link: add {{{{ links.booking }}}} — asking them to book is what the step is for"));
                    }

                    // The file as written, once: findings point at their line and column in it.
                    var text = File.Exists(template.Path) ? File.ReadAllText(template.Path).Replace("\r\n", "\n", StringComparison.Ordinal) : template.BodySource;
                    PrivacyRules.Check(template, text, terms, findings);
                    if (template.Channel == Channel.Sms)
                    {
                        var first = step.Id == firstSms;
                        if (first && !template.BodySource.Contains("STOP", StringComparison.Ordinal))
                        {
                            findings.Add(new FileFinding(template.Path, 1, 1, FindingSeverity.Warning,
                                $"this is the first text of {sequence.Id} and says nothing about opting out; NurtureHealth adds \"{OptOut(template.Language)}\" at the end (counted below) — write it in yourself to choose the words"));
                        }

                        SmsSizeRules.Check(group, template, templates.StringsFor(template.Language), text, locations, first, options.SmsSegmentBudget, findings);
                    }
                }
            }
        }

        TranslationRules.Check(templates, findings);
    }

    /// <summary>The locations a template can be sent from: its own for an override; else every active location offering the sequence's service lines.</summary>
    private static List<Location> Reach(ClinicGroup group, Sequence sequence, MessageTemplate template)
    {
        if (template.LocationId is { } own)
        {
            return group.Find(own) is { } location ? [location] : [];
        }

        var reach = group.Locations.Where(l => l.Active && l.ServiceLines.Intersect(sequence.ServiceLines).Any()).ToList();
        return reach.Count > 0 ? reach : group.Locations.Take(1).ToList();
    }

    private static string OptOut(string language) => LanguageTag.Primary(language) == "es" ? "Responda STOP para cancelar." : "Reply STOP to opt out.";
}
