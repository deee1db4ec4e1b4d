using System.Text;
using System.Text.Encodings.Web;

namespace NurtureHealth.Templates;

/// <summary>
/// Makes text that came from a patient (a name typed into a public form) inert in a Markdown email body: every ASCII
/// punctuation character Markdown could read as syntax is backslash-escaped, so <c>[Claim your prize](https://…)</c> stays
/// those characters instead of becoming a link, <c>![x](…)</c> never becomes a remote image, and <c>www.example.org</c>
/// is never auto-linked.
/// </summary>
/// <remarks>
/// Characters the HTML encoder turns into entities (<c>&lt; &gt; &amp; " ' +</c>) are left to it: an entity can never
/// start Markdown syntax, and escaping it as well would show the entity's letters.
/// </remarks>
internal static class MarkdownText
{
    private static readonly HashSet<char> Escaped = Enumerable.Range(33, 94).Select(i => (char)i)
        .Where(c => char.IsPunctuation(c) || char.IsSymbol(c))
        .Where(c => HtmlEncoder.Default.Encode(c.ToString()) == c.ToString())
        .ToHashSet();

    public static string Escape(string text)
    {
        if (!text.Any(Escaped.Contains))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (Escaped.Contains(c))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
