using System.Globalization;
using NurtureHealth.Checks;
using NurtureHealth.Touches;
using NurtureHealth.Workspace;
using NurtureHealth.Yaml;

namespace NurtureHealth.Manage;

/// <summary>
/// What the page shows beside the form: the check's findings for the location in plain words, and one message rendered
/// for the sample patient in every language — the email as sent, the text as a phone shows it with its parts.
/// </summary>
public sealed record PreviewPane(
    IReadOnlyList<FindingLine> Findings,
    IReadOnlyList<Pick> Sequences,
    string Sequence,
    IReadOnlyList<Pick> Steps,
    string Step,
    IReadOnlyList<LanguagePreview> Languages,
    string? Problem)
{
    /// <summary>Whether the pane offers the sequence and message pickers (the wording page previews its one message).</summary>
    public bool Picks { get; init; } = true;

    /// <summary>A pane that says only why nothing can be checked or previewed (the form itself cannot be written into the file).</summary>
    public static PreviewPane Refused(string problem) => new([new FindingLine(true, "the form", problem)], [], "", [], "", [], "Nothing can be previewed until this is fixed.");

    /// <summary>The pane for the drafted content; <paramref name="sequence"/> and <paramref name="step"/> as picked, else the first email.</summary>
    public static PreviewPane Build(DraftContent draft, string locationId, string? sequence, string? step, string? template = null)
    {
        var findings = draft.FindingsFor(locationId)
            .Select(f => new FindingLine(f.Severity == FindingSeverity.Error, $"{f.File}, line {f.Line}", f.Message)).ToList();
        var content = draft.Check;
        var location = content.Group?.Find(locationId);
        if (content.Sequences is null || content.Templates is null || location is null)
        {
            return new PreviewPane(findings, [], "", [], "", [], "Nothing can be previewed until the errors below are fixed.");
        }

        var sequences = content.Sequences.Sequences.Where(s => s.ServiceLines.Any(location.ServiceLines.Contains)).ToList();
        var chosen = sequences.FirstOrDefault(s => s.Id == sequence) ?? sequences.FirstOrDefault();
        if (chosen is null)
        {
            return new PreviewPane(findings, [], "", [], "", [], "No sequence serves this location's service lines.");
        }

        var steps = chosen.Steps.Where(s => s.Wait is null).ToList();
        var chosenStep = steps.FirstOrDefault(s => s.Id == step) ?? steps.FirstOrDefault(s => s.Channel == Channel.Email) ?? steps.First();
        var languages = content.Templates.All.Select(t => t.Language).Append("en").Distinct().Order(StringComparer.Ordinal).ToList();
        var previews = languages.Select(language => Render(draft, new PreviewRequest(locationId, chosen.Id, chosenStep.Id, language, Template: template))).ToList();
        return new PreviewPane(findings,
            [.. sequences.Select(s => new Pick(s.Id, s.Name))], chosen.Id,
            [.. steps.Select(s => new Pick(s.Id, $"{s.Index + 1}. {s.Id} ({(s.Channel == Channel.Sms ? "text" : "email")})"))], chosenStep.Id,
            previews, null);
    }

    private static LanguagePreview Render(DraftContent draft, PreviewRequest request)
    {
        var name = LanguageName(request.Language);
        try
        {
            var result = draft.Preview(request);
            var own = result.Parts.Any(p => p.File.Contains($"/{request.Location}/templates/", StringComparison.Ordinal)
                                            || p.File.Contains($"{Path.DirectorySeparatorChar}{request.Location}{Path.DirectorySeparatorChar}templates{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
            return new LanguagePreview(request.Language, name, result.Email?.Subject, result.Email?.Preheader, result.Email?.Html, result.Sms,
                result.SmsSize?.Segments ?? 0, result.SmsSize?.Length ?? 0, result.SmsSize?.Encoding == Templates.SmsEncoding.Ucs2, null, own);
        }
        catch (PreviewException e)
        {
            return new LanguagePreview(request.Language, name, null, null, null, null, 0, 0, false, e.Message, false);
        }
    }

    private static string LanguageName(string tag)
    {
        try
        {
            return CultureInfo.GetCultureInfo(tag).EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return tag;
        }
    }
}

/// <summary>One finding, in the words a manager reads.</summary>
public sealed record FindingLine(bool Error, string Where, string Message);

/// <summary>One option of a picker.</summary>
public sealed record Pick(string Value, string Text);

/// <summary>One language's rendering of the previewed message.</summary>
public sealed record LanguagePreview(
    string Language,
    string LanguageName,
    string? Subject,
    string? Preheader,
    string? EmailHtml,
    string? Sms,
    int Segments,
    int Characters,
    bool Unicode,
    string? Problem,
    bool LocalWording);
