using System.Globalization;
using System.Text;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// Text from a file or a caller made safe to print on a terminal: control characters (an ANSI escape, a NUL, a
/// carriage return) and invisible formatting characters (a right-to-left override) are shown as <c>\u001B</c>, so
/// a hostile lead id can neither drive the operator's terminal nor disguise what it says.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(Hidden))
        {
            return text ?? "";
        }

        var safe = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            safe.Append(Hidden(c) ? $"\\u{(int)c:X4}" : c);
        }

        return safe.ToString();
    }

    private static bool Hidden(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
