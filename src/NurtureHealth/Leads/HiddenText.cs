using System.Globalization;

namespace NurtureHealth.Leads;

/// <summary>
/// Invisible characters that change how text looks without being seen: bidirectional overrides and isolates (which can
/// make "gnp.exe" read "exe.png"), zero-width spaces and joiners, soft hyphens — Unicode's "format" characters.
/// </summary>
public static class HiddenText
{
    /// <summary>
    /// The first invisible character in <paramref name="text"/>, as <c>U+202E</c>, or null. With <paramref name="allowJoiners"/>,
    /// a zero-width joiner or non-joiner between two letters is allowed: Persian and Indic names need them.
    /// </summary>
    public static string? FindIn(string text, bool allowJoiners = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                return $"U+{(int)c:X4}";
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                continue;
            }

            var joiner = c is '\u200C' or '\u200D';
            if (allowJoiners && joiner && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]))
            {
                continue;
            }

            return $"U+{(int)c:X4}";
        }

        return null;
    }
}
