using System.Globalization;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Views;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>
/// The local preview page (<c>nurture preview --serve</c>): pick a location, sequence, step and language; see the email as
/// the patient sees it, the text as a phone bubble with its parts, and that location's <c>nurture check</c> findings.
/// One self-contained page (<c>Views/preview.liquid</c>): no scripts or styles from elsewhere.
/// </summary>
public static class PreviewPage
{
    private static readonly HtmlView View = new("preview.liquid",
        typeof(PreviewView), typeof(PickerView), typeof(PickerOptionView), typeof(PreviewMessageView), typeof(PreviewPart), typeof(PreviewEmailView),
        typeof(PreviewSmsView), typeof(FindingView));

    /// <summary>The page for a query: the check is run afresh, so an edit shows on reload.</summary>
    public static string Render(ContentCheckResult content, string? location, string? sequence, string? step, string? language, string locationsDirectory) =>
        View.Render(Model(content, location, sequence, step, language, locationsDirectory));

    private static PreviewView Model(ContentCheckResult content, string? location, string? sequence, string? step, string? language, string locationsDirectory)
    {
        var group = content.Group;
        var sequences = content.Sequences;
        if (group is null || sequences is null || content.Templates is null)
        {
            return new PreviewView(true, [], "", null, MessagePreview.SampleFirstName, Findings(content.Findings));
        }

        location ??= group.Locations.FirstOrDefault(l => l.Active)?.Id ?? group.Locations[0].Id;
        var chosenSequence = sequences.Find(sequence ?? "") ?? sequences.Sequences[0];
        step ??= chosenSequence.Steps.FirstOrDefault(s => s.Wait is null)?.Id;
        language ??= "en";
        var languages = content.Templates.All.Select(t => t.Language).Append("en").Distinct().Order(StringComparer.Ordinal).ToList();
        PickerView[] pickers =
        [
            Picker("location", "Location", group.Locations.Select(l => (l.Id, l.Name + (l.Active ? "" : " (inactive)"))), location),
            Picker("sequence", "Sequence", sequences.Sequences.Select(s => (s.Id, s.Name)), chosenSequence.Id),
            Picker("step", "Step", chosenSequence.Steps.Where(s => s.Wait is null)
                .Select(s => (s.Id, $"{s.Index + 1}. {s.Id} ({(s.Channel == Channel.Sms ? "SMS" : "email")}, {s.Stage.ToString().ToLowerInvariant()})")), step),
            Picker("lang", "Language", languages.Select(l => (l, Language(l))), language),
        ];

        // This location's files, group.yaml and the group's templates: not other locations' files.
        var findings = Findings(content.Findings.Where(f => !IsOtherLocation(f.File, locationsDirectory, location)));
        try
        {
            var preview = MessagePreview.Render(content, new PreviewRequest(location, chosenSequence.Id, step ?? "1", language), locationsDirectory);
            var size = preview.SmsSize;
            var message = new PreviewMessageView(preview.Location.Name, preview.Sequence.Name, preview.Step.Index + 1, preview.Step.Id, Language(language), preview.Parts,
                string.Join(", ", preview.OtherTemplates), preview.Email is not null,
                preview.Email is { } email ? new PreviewEmailView(email.Subject, email.Preheader, email.Html) : null,
                size is null ? null : new PreviewSmsView(preview.Sms!, size.Segments, size.Length, size.Encoding == SmsEncoding.Ucs2, size.FirstNonGsmCharacter ?? ""));
            return new PreviewView(false, pickers, "", message, MessagePreview.SampleFirstName, findings);
        }
        catch (PreviewException e)
        {
            return new PreviewView(false, pickers, e.Message, null, MessagePreview.SampleFirstName, findings);
        }
    }

    private static bool IsOtherLocation(string file, string locationsDirectory, string location)
    {
        var full = Path.GetFullPath(file);
        var root = Path.GetFullPath(locationsDirectory) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal))
        {
            return false; // templates/: the group's, shown to everyone
        }

        var rest = full[root.Length..];
        var folder = rest.Split(Path.DirectorySeparatorChar)[0];
        return rest.Contains(Path.DirectorySeparatorChar) && folder != location;
    }

    private static FindingView[] Findings(IEnumerable<FileFinding> findings) =>
    [
        .. findings.Select(f => new FindingView(f.Severity == FindingSeverity.Error ? "error" : "warning", $"{f.File}:{f.Line}:{f.Column}", f.Message)),
    ];

    private static PickerView Picker(string name, string label, IEnumerable<(string Value, string Text)> options, string? selected) =>
        new(name, label, [.. options.Select(o => new PickerOptionView(o.Value, o.Text, o.Value == selected))]);

    private static string Language(string tag)
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
