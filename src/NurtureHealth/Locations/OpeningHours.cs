using System.Globalization;

namespace NurtureHealth.Locations;

/// <summary>When a location is open, per day of the week, in its local time.</summary>
public sealed class OpeningHours
{
    private static readonly string[] DayKeys = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private readonly IReadOnlyList<TimeRange>[] _days;

    private OpeningHours(IReadOnlyList<TimeRange>[] days) => _days = days;

    /// <summary>Hours that say nothing: every day closed.</summary>
    public static OpeningHours Unknown { get; } = new(Enumerable.Repeat<IReadOnlyList<TimeRange>>([], 7).ToArray());

    /// <summary>The open spans on a day; empty when closed.</summary>
    public IReadOnlyList<TimeRange> On(DayOfWeek day) => _days[(int)day];

    /// <summary>The YAML key for a day (<c>mon</c> … <c>sun</c>).</summary>
    public static string KeyOf(DayOfWeek day) => DayKeys[(int)day];

    /// <summary>
    /// Builds hours from the <c>hours:</c> map of a location file: keys <c>mon</c> … <c>sun</c>, values
    /// <c>"08:00-17:00"</c>, several spans separated by commas, or <c>closed</c>. A missing day is closed.
    /// </summary>
    /// <exception cref="FormatException">A key or value is malformed; the message names it.</exception>
    public static OpeningHours Parse(IReadOnlyDictionary<string, string>? map)
    {
        var days = Enumerable.Repeat<IReadOnlyList<TimeRange>>([], 7).ToArray();
        if (map is null)
        {
            return new OpeningHours(days);
        }

        foreach (var (key, value) in map)
        {
            var index = Array.IndexOf(DayKeys, key.Trim().ToLowerInvariant());
            if (index < 0)
            {
                throw new FormatException($"hours: '{key}' is not a day; use mon, tue, wed, thu, fri, sat, sun");
            }

            days[index] = ParseDay(key, value);
        }

        return new OpeningHours(days);
    }

    private static List<TimeRange> ParseDay(string key, string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0 || text.Equals("closed", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var spans = new List<TimeRange>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length != 2
                || !TimeOnly.TryParseExact(ends[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(ends[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                throw new FormatException($"hours.{key}: '{part}' is not a time span; write it as \"08:00-17:00\" or closed");
            }

            if (end <= start)
            {
                throw new FormatException($"hours.{key}: '{part}' ends before it starts");
            }

            spans.Add(new TimeRange(start, end));
        }

        return spans;
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", Enumerable.Range(0, 7).Select(d =>
            $"{DayKeys[d]} {(_days[d].Count == 0 ? "closed" : string.Join(", ", _days[d]))}"));
}
