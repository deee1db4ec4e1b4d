using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace NurtureHealth.Yaml;

/// <summary>
/// Writes single YAML values so that every reader — ours, and the other tools that read location files — gets the
/// same text back: plain when that is unambiguous, double-quoted when YAML 1.1 or 1.2 would read it as a number,
/// boolean, date or null (a ZIP code, a phone number), or when it holds characters that mean something in YAML.
/// </summary>
internal static partial class YamlScalars
{
    /// <summary>
    /// Renders <paramref name="value"/>: <see cref="ScalarStyle.DoubleQuoted"/> and <see cref="ScalarStyle.SingleQuoted"/>
    /// keep the file's own quoting; otherwise plain when safe. <paramref name="verbatim"/> text is YAML already;
    /// <paramref name="inFlow"/> says the value goes inside [ ] or { } (false: a block map's value).
    /// </summary>
    public static string Render(string value, ScalarStyle style, bool verbatim = false, bool inFlow = true)
    {
        if (verbatim)
        {
            return value;
        }

        return style switch
        {
            ScalarStyle.DoubleQuoted => DoubleQuoted(value),
            ScalarStyle.SingleQuoted when !value.Any(char.IsControl) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'",
            _ => NeedsQuotes(value, inFlow) ? DoubleQuoted(value) : value,
        };
    }

    /// <summary>A flow list: <c>[en, es]</c>.</summary>
    public static string FlowList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(i => Render(i, ScalarStyle.Plain))) + "]";

    /// <summary>A number as YAML writes it (invariant culture, no exponent for ordinary coordinates).</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when a plain value would read back differently; <paramref name="inFlow"/>: inside [ ] or { }, where , [ ] { } end a value.</summary>
    public static bool NeedsQuotes(string value, bool inFlow = true)
    {
        if (value.Length == 0 || value != value.Trim() || value.Any(char.IsControl))
        {
            return true;
        }

        if ("-?:,[]{}#&*!|>'\"%@`".Contains(value[0], StringComparison.Ordinal))
        {
            return true;
        }

        if ((inFlow && value.IndexOfAny([',', '[', ']', '{', '}']) >= 0) || value.Contains(": ", StringComparison.Ordinal) ||
            value.Contains(" #", StringComparison.Ordinal) || value.EndsWith(':'))
        {
            return true;
        }

        return Special().IsMatch(value) || NumberLike().IsMatch(value) || DateLike().IsMatch(value);
    }

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder("\"", value.Length + 2);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    [GeneratedRegex(@"^(~|null|true|false|yes|no|on|off|y|n|\.inf|-\.inf|\+\.inf|\.nan)$", RegexOptions.IgnoreCase)]
    private static partial Regex Special();

    [GeneratedRegex(@"^[-+]?(0x[0-9a-f_]+|0o?[0-7_]+|0b[01_]+|[0-9][0-9_:]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?|\.[0-9]+([eE][-+]?[0-9]+)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberLike();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")]
    private static partial Regex DateLike();
}
