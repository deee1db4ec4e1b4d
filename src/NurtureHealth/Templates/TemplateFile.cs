using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Fluid;
using NurtureHealth.Locations;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NurtureHealth.Templates;

/// <summary>Parses one template file: front matter (emails), Liquid, and the strict checks; every problem becomes a finding at its line.</summary>
internal static partial class TemplateFile
{
    private static readonly string[] FrontMatterKeys = ["subject", "preheader"];

    public static MessageTemplate? Parse(string file, string display, string? locationId, string sequence, string step, string language,
        Channel channel, List<FileFinding> findings)
    {
        var bytes = File.ReadAllBytes(file);
        var text = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var errorsBefore = findings.Count;
        string? subject = null, preheader = null;
        var body = text;
        var bodyLine = 1;
        if (channel == Channel.Email)
        {
            if (!SplitFrontMatter(text, display, findings, out var frontMatter, out body, out bodyLine))
            {
                return null;
            }

            (subject, preheader) = ReadFrontMatter(frontMatter, display, findings);
            if (subject is null)
            {
                return null;
            }
        }
        else
        {
            body = text.TrimEnd('\n', ' ');
        }

        var subjectTemplate = subject is null ? null : Liquid(subject, display, 2, text, findings);
        var preheaderTemplate = preheader is null ? null : Liquid(preheader, display, 3, text, findings);
        var bodyTemplate = Liquid(body, display, bodyLine, text, findings);
        if (findings.Count > errorsBefore || bodyTemplate is null)
        {
            return null;
        }

        return new MessageTemplate(display, locationId, sequence, step, language, channel, Convert.ToHexStringLower(SHA256.HashData(bytes)))
        {
            Body = bodyTemplate,
            Subject = subjectTemplate,
            Preheader = preheaderTemplate,
            BodySource = body,
            SubjectSource = subject,
        };
    }

    public static IFluidTemplate? ParseLayout(string file, List<FileFinding> findings)
    {
        var display = ClinicGroupLoader.Display(file);
        if (!File.Exists(file))
        {
            findings.Add(new FileFinding(display, 1, 1, FindingSeverity.Error, "the shared email layout is missing"));
            return null;
        }

        var text = File.ReadAllText(file);
        return Liquid(text, display, 1, text, findings, "content", "subject", "preheader");
    }

    private static IFluidTemplate? Liquid(string source, string display, int firstLine, string wholeFile, List<FileFinding> findings, params string[] extraRoots)
    {
        if (!TemplateLibrary.LiquidParser.TryParse(source, out var template, out var error))
        {
            var (line, column) = ErrorPosition().Match(error) is { Success: true } m
                ? (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
                : (1, 1);
            var message = error.Split('\n')[0].Trim();
            message = ErrorPosition().Replace(message, "").Trim();
            findings.Add(new FileFinding(display, firstLine + line - 1, column, FindingSeverity.Error, $"Liquid syntax error: {message}"));
            return null;
        }

        foreach (var problem in TemplateLinter.Check(template, TemplateLibrary.Options, extraRoots))
        {
            var (line, column) = Locate(wholeFile, problem);
            findings.Add(new FileFinding(display, line, column, FindingSeverity.Error, problem));
        }

        return template;
    }

    private static bool SplitFrontMatter(string text, string display, List<FileFinding> findings, out string frontMatter, out string body, out int bodyLine)
    {
        frontMatter = body = "";
        bodyLine = 1;
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            findings.Add(new FileFinding(display, 1, 1, FindingSeverity.Error,
                "an email template starts with front matter: a line '---', then 'subject: …' (and 'preheader: …'), then '---'"));
            return false;
        }

        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            findings.Add(new FileFinding(display, 1, 1, FindingSeverity.Error, "the front matter is never closed: add a line '---' after 'subject: …'"));
            return false;
        }

        frontMatter = text[4..(end + 1)];
        body = text[(end + 5)..].Trim('\n');
        bodyLine = text[..(end + 5)].Count(c => c == '\n') + 1 + (text[(end + 5)..].Length - text[(end + 5)..].TrimStart('\n').Length);
        return true;
    }

    private static (string? Subject, string? Preheader) ReadFrontMatter(string yaml, string display, List<FileFinding> findings)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            findings.Add(new FileFinding(display, (int)e.Start.Line + 1, (int)e.Start.Column, FindingSeverity.Error, $"front matter is not valid YAML: {e.Message}"));
            return (null, null);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            findings.Add(new FileFinding(display, 2, 1, FindingSeverity.Error, "front matter must hold 'subject: …'"));
            return (null, null);
        }

        string? subject = null, preheader = null;
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var text = (value as YamlScalarNode)?.Value?.Trim();
            switch (name)
            {
                case "subject":
                    subject = text;
                    break;
                case "preheader":
                    preheader = text;
                    break;
                default:
                    var hint = DidYouMean.Closest(name, FrontMatterKeys);
                    findings.Add(new FileFinding(display, (int)key.Start.Line + 1, (int)key.Start.Column, FindingSeverity.Error,
                        hint is null ? $"unknown front matter key '{name}'; use subject and preheader" : $"unknown front matter key '{name}'; did you mean '{hint}'?"));
                    break;
            }
        }

        if (string.IsNullOrEmpty(subject))
        {
            findings.Add(new FileFinding(display, 2, 1, FindingSeverity.Error, "the email has no subject: add 'subject: …' to the front matter"));
            return (null, null);
        }

        return (subject, preheader);
    }

    /// <summary>Finds the line and column of the name a problem quotes ('patient.frist_name'), or the top of the file.</summary>
    private static (int Line, int Column) Locate(string text, string problem)
    {
        var quoted = Quoted().Match(problem);
        var index = quoted.Success ? text.IndexOf(quoted.Groups[1].Value, StringComparison.Ordinal) : -1;
        if (index < 0)
        {
            return (1, 1);
        }

        var line = text.AsSpan(0, index).Count('\n') + 1;
        var lineStart = index == 0 ? -1 : text.LastIndexOf('\n', index - 1);
        return (line, index - lineStart);
    }

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex ErrorPosition();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}
