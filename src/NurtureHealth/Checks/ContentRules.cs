using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
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
internal static partial class ContentRules
{
    /// <summary>The sample first name: long, so a text's length is measured near its worst.</summary>
    public const string SampleFirstName = "Maximiliano";

    private static readonly LinksModel SampleLinks = new("https://example.invalid/b/SAMPLE-booking-link-token-0123456789", "https://example.invalid/u/SAMPLE-unsubscribe-token-0123456789");

    private static readonly string[] BuiltInTerms =
    [
        "acne", "rosacea", "eczema", "psoriasis", "dermatitis", "melanoma", "skin cancer", "cancer", "mole", "moles", "wart", "warts", "rash", "hives",
        "hair loss", "alopecia", "botox", "filler", "fillers", "implant", "implants", "dental implant", "dental implants", "denture", "dentures",
        "braces", "aligner", "aligners", "invisalign", "periodontitis", "gum disease", "root canal", "extraction", "cavity", "cavities",
        "diabetes", "pregnancy", "pregnant", "depression", "anxiety", "hiv", "std", "sti", "surgery", "biopsy",
    ];

    // Characters that make a text UCS-2 and have a plain GSM-7 equivalent a writer can type instead.
    private static readonly Dictionary<char, string> Avoidable = new()
    {
        ['’'] = "'",
        ['‘'] = "'",
        ['“'] = "\"",
        ['”'] = "\"",
        ['–'] = "-",
        ['—'] = "-",
        ['…'] = "...",
        ['\u00A0'] = "a plain space",
    };

    public static void Check(ClinicGroup group, TemplateLibrary templates, SequenceCatalog sequences, ContentCheckOptions options, List<FileFinding> findings)
    {
        var terms = BuiltInTerms
            .Concat(group.ServiceLines.Values.Select(l => l.Name))
            .Concat(group.ServiceLines.Values.SelectMany(l => l.Specialties).Select(s => s.Replace('-', ' ')))
            .Concat(options.SensitiveTerms)
            .Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 2).Distinct().OrderByDescending(t => t.Length).ToList();
        Layouts(group, templates, findings);
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
                    if (step.Stage == FunnelStage.Decision && !Uses(template, "links.booking"))
                    {
                        findings.Add(new FileFinding(template.Path, 1, 1, FindingSeverity.Error,
                            $"'{step.Id}' is a decision step of {sequence.Id}, but this message has no booking link: add {{{{ links.booking }}}} — asking them to book is what the step is for"));
                    }

                    // The file as written, once: findings point at their line and column in it.
                    var text = File.Exists(template.Path) ? File.ReadAllText(template.Path).Replace("\r\n", "\n", StringComparison.Ordinal) : template.BodySource;
                    Sensitive(template, text, terms, findings);
                    if (template.Channel == Channel.Sms)
                    {
                        var first = step.Id == firstSms;
                        if (first && !template.BodySource.Contains("STOP", StringComparison.Ordinal))
                        {
                            findings.Add(new FileFinding(template.Path, 1, 1, FindingSeverity.Warning,
                                $"this is the first text of {sequence.Id} and says nothing about opting out; NurtureHealth adds \"{OptOut(template.Language)}\" at the end (counted below) — write it in yourself to choose the words"));
                        }

                        Size(group, template, text, locations, first, options.SmsSegmentBudget, findings);
                    }
                }
            }
        }

        Translations(templates, findings);
    }

    /// <summary>Every email carries a one-click unsubscribe link and the location's postal address (CAN-SPAM): the layouts put them there.</summary>
    private static void Layouts(ClinicGroup group, TemplateLibrary templates, List<FileFinding> findings)
    {
        var location = group.Locations.FirstOrDefault(l => l.Active) ?? group.Locations.FirstOrDefault();
        if (location is null)
        {
            return;
        }

        // A body that says nothing, so whatever the email carries comes from the layout alone.
        TemplateLibrary.LiquidParser.TryParse("Hello.", out var plain, out _);
        var sample = new MessageTemplate("(layout check)", null, "check", "check", "en", Channel.Email, "")
        {
            Body = plain,
            Subject = plain,
            BodySource = "Hello.",
            SubjectSource = "Hello",
        };

        foreach (var (language, layout) in templates.Layouts)
        {
            var model = MessageRenderer.Model(group, location, null, SampleFirstName, language, SampleLinks, group.ServiceLines.Keys.First());
            RenderedEmail email;
            try
            {
                email = MessageRenderer.RenderEmail(sample, layout, model);
            }
            catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException)
            {
                findings.Add(new FileFinding(layout.HtmlPath, 1, 1, FindingSeverity.Error, $"the layout cannot be rendered: {e.Message}"));
                continue;
            }

            foreach (var (path, body) in new[] { (layout.HtmlPath, email.Html), (layout.TextPath, email.Text) })
            {
                if (!body.Contains(SampleLinks.Unsubscribe, StringComparison.Ordinal))
                {
                    findings.Add(new FileFinding(path, 1, 1, FindingSeverity.Error,
                        "emails made with this layout have no unsubscribe link: put {{ links.unsubscribe }} in it — every marketing email must let the patient stop them in one click (CAN-SPAM)"));
                }

                if (!body.Contains(location.Address.ToString(), StringComparison.Ordinal) && !body.Contains(System.Net.WebUtility.HtmlEncode(location.Address.ToString()), StringComparison.Ordinal))
                {
                    findings.Add(new FileFinding(path, 1, 1, FindingSeverity.Error,
                        "emails made with this layout have no postal address: put {{ location.address }} in it (CAN-SPAM asks for a valid physical address)"));
                }
            }
        }
    }

    /// <summary>A condition or treatment named in a text or an email subject, where lock screens and inbox lists show it.</summary>
    private static void Sensitive(MessageTemplate template, string text, List<string> terms, List<FileFinding> findings)
    {
        var (source, where) = template.Channel == Channel.Sms ? (template.BodySource, "a text message") : (template.SubjectSource ?? "", "an email subject");
        var offset = Math.Max(0, text.IndexOf(source, StringComparison.Ordinal));
        if (Uses(source, "service."))
        {
            var at = Position(text, offset + source.IndexOf("service.", StringComparison.Ordinal));
            findings.Add(new FileFinding(template.Path, at.Line, at.Column, FindingSeverity.Warning,
                $"{where} names the service the patient asked about ({{{{ service... }}}}); others can read it on a lock screen or in an inbox list — keep it to email bodies"));
        }

        var literal = Liquid().Replace(source, m => new string(' ', m.Length));
        var reported = new HashSet<int>();
        foreach (var term in terms)
        {
            foreach (Match match in Regex.Matches(literal, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(term)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            {
                if (!reported.Add(match.Index))
                {
                    continue;
                }

                var at = Position(text, offset + match.Index);
                findings.Add(new FileFinding(template.Path, at.Line, at.Column, FindingSeverity.Warning,
                    $"'{match.Value}' in {where} says something about the patient's health where others can see it (lock screens, inbox lists); say it in the email body instead"));
            }
        }
    }

    /// <summary>A text's length at every location it can reach: over the budget is an error; a needless UCS-2 character a warning.</summary>
    private static void Size(ClinicGroup group, MessageTemplate template, string text, IReadOnlyList<Location> locations, bool first, int budget, List<FileFinding> findings)
    {
        (Location Location, RenderedSms Sms, string Body)? worst = null;
        foreach (var location in locations)
        {
            var provider = location.Providers.OrderByDescending(p => p.Name.Length).FirstOrDefault();
            var model = MessageRenderer.Model(group, location, provider, SampleFirstName, template.Language, SampleLinks, group.ServiceLines.Keys.First(),
                [DateTimeOffset.UnixEpoch.AddDays(20_000).AddHours(15), DateTimeOffset.UnixEpoch.AddDays(20_001).AddHours(16), DateTimeOffset.UnixEpoch.AddDays(20_002).AddHours(9)]);
            RenderedSms sms;
            try
            {
                sms = MessageRenderer.RenderSms(template, model);
            }
            catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException)
            {
                findings.Add(new FileFinding(template.Path, 1, 1, FindingSeverity.Error, $"the text cannot be rendered for {location.Id}: {e.Message}"));
                return;
            }

            var body = first ? Messaging.MessageComposer.FirstSmsRules(sms.Body, group.Name, template.Language) : sms.Body;
            var size = SmsSize.Of(body);
            if (worst is null || size.Segments > SmsSize.Of(worst.Value.Body).Segments || (size.Segments == SmsSize.Of(worst.Value.Body).Segments && size.Length > SmsSize.Of(worst.Value.Body).Length))
            {
                worst = (location, sms, body);
            }
        }

        if (worst is not { } w)
        {
            return;
        }

        var measured = SmsSize.Of(w.Body);
        string cause = "", where = "";
        var (line, column) = (1, 1);
        if (measured.Encoding == SmsEncoding.Ucs2 && measured.FirstNonGsmCharacter is { } culprit)
        {
            var index = text.IndexOf(culprit, StringComparison.Ordinal);
            if (index >= 0)
            {
                (line, column) = Position(text, index);
                where = $" at {line}:{column}";
            }
            else
            {
                where = $" (from a value filled in, such as {w.Location.Id}'s name or address)";
            }

            cause = $"; it is UCS-2 (70 characters a part instead of 160) because of '{culprit}'{where}";
            if (index >= 0 && culprit.Length == 1 && Avoidable.TryGetValue(culprit[0], out var plain) && measured.Segments <= budget)
            {
                findings.Add(new FileFinding(template.Path, line, column, FindingSeverity.Warning,
                    $"'{culprit}' makes this text UCS-2, so each part holds 70 characters instead of 160; type {plain} instead"));
            }
        }

        if (measured.Segments > budget)
        {
            findings.Add(new FileFinding(template.Path, line, column, FindingSeverity.Error,
                $"this text is {measured.Segments} parts at {w.Location.Id} ({measured.Length} {(measured.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2")} characters with a long first name{(first ? " and the opt-out wording" : "")}), over the budget of {budget} (Nurture:Check:SmsSegmentBudget){cause}"));
        }
    }

    /// <summary>A step the group has in some language but not in another: those patients get the English instead.</summary>
    private static void Translations(TemplateLibrary templates, List<FileFinding> findings)
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

    private static bool Uses(MessageTemplate template, string name) => Uses(template.BodySource, name) || Uses(template.SubjectSource ?? "", name);

    private static bool Uses(string source, string name) =>
        Liquid().Matches(source).Any(m => m.Value.Replace(" ", "", StringComparison.Ordinal).Contains(name.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));

    private static (int Line, int Column) Position(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        var line = text.AsSpan(0, index).Count('\n') + 1;
        var start = index == 0 ? -1 : text.LastIndexOf('\n', index - 1);
        return (line, index - start);
    }

    private static string OptOut(string language) => LanguageTag.Primary(language) == "es" ? "Responda STOP para cancelar." : "Reply STOP to opt out.";

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

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Liquid();
}
