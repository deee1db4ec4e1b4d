using System.Text.RegularExpressions;
using NurtureHealth.Templates;

namespace NurtureHealth.Checks;

/// <summary>Reading a template's source as its writer sees it: the Liquid tags it uses, and where a finding is in it.</summary>
internal static partial class TemplateText
{
    /// <summary>True when the template's body or subject fills in <paramref name="name"/> (such as <c>links.booking</c>).</summary>
    public static bool Uses(MessageTemplate template, string name) => Uses(template.BodySource, name) || Uses(template.SubjectSource ?? "", name);

    /// <summary>True when a Liquid tag in <paramref name="source"/> mentions <paramref name="name"/>.</summary>
    public static bool Uses(string source, string name) =>
        Liquid().Matches(source).Any(m => m.Value.Replace(" ", "", StringComparison.Ordinal).Contains(name.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));

    /// <summary>Liquid's tags blanked out, so only the words a writer typed are left, each in its place.</summary>
    public static string WithoutTags(string source) => Liquid().Replace(source, m => new string(' ', m.Length));

    /// <summary>The line and column (from 1) of <paramref name="index"/> in <paramref name="text"/>.</summary>
    public static (int Line, int Column) Position(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        var line = text.AsSpan(0, index).Count('\n') + 1;
        var start = index == 0 ? -1 : text.LastIndexOf('\n', index - 1);
        return (line, index - start);
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline)]
    private static partial Regex Liquid();
}
