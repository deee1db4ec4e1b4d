using System.Globalization;
using System.Text.RegularExpressions;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>How a sequence file writes its values: enum names in lowercase, delays in days, hours and minutes.</summary>
internal static partial class SequenceYaml
{
    /// <summary>The value of an enum <paramref name="key"/>, written in lowercase; a finding names the ones allowed.</summary>
    public static T? Choice<T>(YamlMap map, string key, T[] values, bool required) where T : struct, Enum
    {
        var text = map.String(key, required);
        if (text is null)
        {
            return null;
        }

        foreach (var value in values)
        {
            if (string.Equals(Name(value), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        map.File.Error(map.MarkOf(key), $"{map.Name(key)}: '{text}' is not one of {string.Join(", ", values.Select(v => Name(v)))}");
        return null;
    }

    /// <summary>A delay such as <c>2d</c>, <c>12h</c>, <c>1d12h</c> or <c>30m</c>; 0 when absent.</summary>
    public static TimeSpan Delay(YamlMap map, string key = "delay")
    {
        var text = map.String(key) ?? "0";
        var match = DelayPattern().Match(text.Replace(" ", "", StringComparison.Ordinal));
        if (!match.Success || text.Trim().Length == 0)
        {
            map.File.Error(map.MarkOf(key), $"{map.Name(key)}: '{text}' is not a delay; write it like 2d, 12h, 1d12h or 30m");
            return TimeSpan.Zero;
        }

        static int Part(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(Part(match.Groups["d"]), Part(match.Groups["h"]), Part(match.Groups["m"]), 0);
    }

    /// <summary>A length of time in words, for reasons: <c>3 days</c>, <c>2 hours</c>, <c>1 day 12 hours</c>.</summary>
    public static string Words(TimeSpan span)
    {
        static string Part(int n, string unit) => n == 0 ? "" : $"{n} {unit}{(n == 1 ? "" : "s")}";
        var text = string.Join(" ", new[] { Part(span.Days, "day"), Part(span.Hours, "hour"), Part(span.Minutes, "minute") }.Where(p => p.Length > 0));
        return text.Length == 0 ? "0 minutes" : text;
    }

    /// <summary>An enum value as a sequence file writes it.</summary>
    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    [GeneratedRegex(@"^(?:0|(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?)$")]
    private static partial Regex DelayPattern();
}
