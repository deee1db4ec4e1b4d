using System.Globalization;
using System.Net;
using System.Text;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>
/// The local preview page (<c>nurture preview --serve</c>): pick a location, sequence, step and language; see the email as
/// the patient sees it, the text as a phone bubble with its parts, and that location's <c>nurture check</c> findings.
/// One self-contained page: no scripts or styles from elsewhere.
/// </summary>
public static class PreviewPage
{
    /// <summary>The page for a query: the check is run afresh, so an edit shows on reload.</summary>
    public static string Render(ContentCheckResult content, string? location, string? sequence, string? step, string? language, string locationsDirectory)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>NurtureHealth preview</title>
            <style>
              body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2933; background: #f5f7fa; }
              header { background: #243b53; color: #fff; padding: 12px 20px; }
              header h1 { font-size: 18px; margin: 0; } header p { margin: 2px 0 0; color: #bcccdc; font-size: 13px; }
              form { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; padding: 14px 20px; background: #fff; border-bottom: 1px solid #d9e2ec; }
              label { display: flex; flex-direction: column; font-size: 12px; color: #52606d; gap: 4px; }
              select, button { font: inherit; padding: 6px 8px; border: 1px solid #9fb3c8; border-radius: 6px; background: #fff; }
              button { background: #2680c2; color: #fff; border-color: #2680c2; cursor: pointer; }
              main { display: grid; grid-template-columns: minmax(0, 1fr) 360px; gap: 20px; padding: 20px; }
              section { background: #fff; border: 1px solid #d9e2ec; border-radius: 10px; padding: 16px; }
              h2 { font-size: 15px; margin: 0 0 10px; }
              .meta { font-size: 13px; color: #52606d; margin: 0 0 10px; }
              .meta b { color: #1f2933; }
              iframe { width: 100%; height: 640px; border: 1px solid #d9e2ec; border-radius: 6px; background: #fff; }
              .phone { width: 300px; margin: 0 auto; border: 10px solid #1f2933; border-radius: 32px; padding: 24px 12px; background: #fff; min-height: 260px; }
              .bubble { background: #e4e7eb; border-radius: 18px 18px 18px 4px; padding: 10px 12px; white-space: pre-wrap; word-wrap: break-word; }
              .sms-size { text-align: center; font-size: 13px; margin-top: 10px; }
              .parts { list-style: none; padding: 0; margin: 0 0 12px; font-size: 13px; }
              .parts li { padding: 3px 0; } .parts code { background: #f0f4f8; padding: 1px 4px; border-radius: 4px; }
              .findings { list-style: none; padding: 0; margin: 0; font-size: 13px; }
              .findings li { padding: 6px 8px; border-radius: 6px; margin-bottom: 6px; }
              .error { background: #ffe3e3; border-left: 4px solid #cf1124; } .warning { background: #fff3c4; border-left: 4px solid #de911d; }
              .ok { background: #e3f9e5; border-left: 4px solid #27ab83; padding: 6px 8px; border-radius: 6px; font-size: 13px; }
              .problem { background: #ffe3e3; border: 1px solid #cf1124; border-radius: 8px; padding: 12px; }
              .sample { font-size: 12px; color: #7b8794; }
            </style></head><body>
            <header><h1>NurtureHealth preview</h1><p>What a patient would get. Sample patient, sample links (they go nowhere). Only reachable from this computer.</p></header>
            """);
        var group = content.Group;
        var sequences = content.Sequences;
        if (group is null || sequences is null || content.Templates is null)
        {
            html.Append("<main><section style=\"grid-column: 1 / -1\"><h2>The files have errors</h2><p>Nothing can be previewed until these are fixed. Save the file and reload this page.</p>");
            Findings(html, content.Findings);
            html.Append("</section></main></body></html>");
            return html.ToString();
        }

        location ??= group.Locations.FirstOrDefault(l => l.Active)?.Id ?? group.Locations[0].Id;
        var chosenSequence = sequences.Find(sequence ?? "") ?? sequences.Sequences[0];
        step ??= chosenSequence.Steps.FirstOrDefault(s => s.Wait is null)?.Id;
        language ??= "en";
        var languages = content.Templates.All.Select(t => t.Language).Append("en").Distinct().Order(StringComparer.Ordinal).ToList();

        html.Append("<form method=\"get\" action=\"/\">");
        Select(html, "location", "Location", group.Locations.Select(l => (l.Id, l.Name + (l.Active ? "" : " (inactive)"))), location);
        Select(html, "sequence", "Sequence", sequences.Sequences.Select(s => (s.Id, s.Name)), chosenSequence.Id);
        Select(html, "step", "Step", chosenSequence.Steps.Where(s => s.Wait is null)
            .Select(s => (s.Id, $"{s.Index + 1}. {s.Id} ({(s.Channel == Channel.Sms ? "SMS" : "email")}, {s.Stage.ToString().ToLowerInvariant()})")), step);
        Select(html, "lang", "Language", languages.Select(l => (l, Language(l))), language);
        html.Append("<button type=\"submit\">Show</button></form>");
        html.Append("<script>document.querySelectorAll('form select').forEach(s => s.addEventListener('change', () => s.form.submit()));</script>");

        html.Append("<main><section>");
        try
        {
            var preview = MessagePreview.Render(content, new PreviewRequest(location, chosenSequence.Id, step ?? "1", language), locationsDirectory);
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Enc(preview.Location.Name)} · {Enc(preview.Sequence.Name)} · step {preview.Step.Index + 1} <code>{Enc(preview.Step.Id)}</code> · {Enc(Language(language))}</h2>");
            html.Append("<ul class=\"parts\">");
            foreach (var part in preview.Parts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><b>{Enc(part.Part)}</b>: <code>{Enc(part.File)}</code> — {Enc(part.Source)}</li>");
            }

            if (preview.OtherTemplates.Count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><b>other versions of this step</b> (by branch or A/B test): {Enc(string.Join(", ", preview.OtherTemplates))}</li>");
            }

            html.Append("</ul>");
            if (preview.Email is { } email)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\"><b>Subject:</b> <span id=\"subject\">{Enc(email.Subject)}</span><br><b>Preview text:</b> {Enc(email.Preheader)}</p>");
                html.Append(CultureInfo.InvariantCulture, $"<iframe id=\"email\" title=\"The email as the patient sees it\" sandbox srcdoc=\"{WebUtility.HtmlEncode(email.Html)}\"></iframe>");
            }
            else
            {
                var size = preview.SmsSize!;
                html.Append("<div class=\"phone\"><div class=\"bubble\" id=\"sms\">").Append(Enc(preview.Sms!)).Append("</div></div>");
                var why = size.Encoding == SmsEncoding.Ucs2 ? $", UCS-2 because of '{size.FirstNonGsmCharacter}' (70 characters a part)" : ", GSM-7";
                html.Append(CultureInfo.InvariantCulture,
                    $"<p class=\"sms-size\" id=\"sms-size\">{size.Segments} {(size.Segments == 1 ? "part" : "parts")} · {size.Length} characters{Enc(why)}</p>");
            }
        }
        catch (PreviewException e)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"problem\">{Enc(e.Message)}</div>");
        }

        html.Append("<p class=\"sample\">Sample patient “").Append(MessagePreview.SampleFirstName)
            .Append("”. Open appointment times from the scheduling system are not shown here: the message's own wording for “no times found” is.</p></section>");

        html.Append("<section><h2>Check findings for this location</h2>");
        // This location's files, group.yaml and the group's templates: not other locations' files.
        Findings(html, content.Findings.Where(f => !IsOtherLocation(f.File, locationsDirectory, location)));
        html.Append("</section></main></body></html>");
        return html.ToString();
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

    private static void Findings(StringBuilder html, IEnumerable<FileFinding> findings)
    {
        var list = findings.ToList();
        if (list.Count == 0)
        {
            html.Append("<p class=\"ok\" id=\"no-findings\">No problems found.</p>");
            return;
        }

        html.Append("<ul class=\"findings\" id=\"findings\">");
        foreach (var finding in list)
        {
            var kind = finding.Severity == FindingSeverity.Error ? "error" : "warning";
            html.Append(CultureInfo.InvariantCulture, $"<li class=\"{kind}\"><b>{kind}</b> <code>{Enc($"{finding.File}:{finding.Line}:{finding.Column}")}</code><br>{Enc(finding.Message)}</li>");
        }

        html.Append("</ul>");
    }

    private static void Select(StringBuilder html, string name, string label, IEnumerable<(string Value, string Text)> options, string? selected)
    {
        html.Append(CultureInfo.InvariantCulture, $"<label>{label}<select name=\"{name}\" id=\"{name}\">");
        foreach (var (value, text) in options)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{Enc(value)}\"{(value == selected ? " selected" : "")}>{Enc(text)}</option>");
        }

        html.Append("</select></label>");
    }

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

    private static string Enc(string text) => WebUtility.HtmlEncode(text);
}
