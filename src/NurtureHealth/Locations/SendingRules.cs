using System.Globalization;
using NurtureHealth.Yaml;

namespace NurtureHealth.Locations;

/// <summary>Reads the <c>send_windows</c> and <c>holidays</c> keys shared by group.yaml and location.yaml.</summary>
internal static class SendingRules
{
    public static SendWindows ReadWindows(YamlMap root)
    {
        var map = root.Map("send_windows");
        if (map is null)
        {
            return SendWindows.Unset;
        }

        map.RejectUnknownKeys("email", "sms");
        return new SendWindows(Window(map, "email"), Window(map, "sms"));
    }

    public static IReadOnlySet<DateOnly> ReadHolidays(YamlMap root)
    {
        var days = new HashSet<DateOnly>();
        foreach (var text in root.StringList("holidays"))
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days.Add(day);
            }
            else
            {
                root.File.Error(root.MarkOf("holidays"), $"holidays: '{text}' is not a date; write it as \"2026-12-25\"");
            }
        }

        return days;
    }

    private static TimeRange? Window(YamlMap map, string channel)
    {
        var text = map.String(channel);
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            || end <= start)
        {
            map.File.Error(map.MarkOf(channel), $"{map.Name(channel)}: '{text}' is not a time span; write it as \"09:00-20:00\"");
            return null;
        }

        var legal = SendWindows.Legal;
        if (start < legal.Start || end > legal.End)
        {
            map.File.Error(map.MarkOf(channel),
                $"{map.Name(channel)}: {text} reaches outside 08:00-21:00 local time; the TCPA allows messages only between 8 AM and 9 PM");
            return null;
        }

        return new TimeRange(start, end);
    }
}
