using System.Globalization;
using NurtureHealth.Locations;

namespace NurtureHealth.Templates;

/// <summary>Writes opening hours for patients, runs of days with the same hours together: <c>Mon–Thu 8 AM–5 PM; Sat 9 AM–1 PM</c>.</summary>
internal static class HoursText
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private static readonly Dictionary<string, string[]> DayNames = new(StringComparer.Ordinal)
    {
        ["en"] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        ["es"] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
    };

    public static string Format(OpeningHours hours, string language)
    {
        var lang = DayNames.ContainsKey(LanguageTag.Primary(language)) ? LanguageTag.Primary(language) : "en";
        var names = DayNames[lang];
        var parts = new List<string>();
        var i = 0;
        while (i < Week.Length)
        {
            var spans = hours.On(Week[i]);
            var j = i;
            while (j + 1 < Week.Length && hours.On(Week[j + 1]).SequenceEqual(spans))
            {
                j++;
            }

            if (spans.Count > 0)
            {
                var days = i == j ? names[i] : $"{names[i]}–{names[j]}";
                parts.Add($"{days} {string.Join(", ", spans.Select(s => $"{Time(s.Start, lang)}–{Time(s.End, lang)}"))}");
            }

            i = j + 1;
        }

        return string.Join("; ", parts);
    }

    private static string Time(TimeOnly time, string lang)
    {
        if (lang == "es")
        {
            return time.ToString("H:mm", CultureInfo.InvariantCulture);
        }

        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var suffix = time.Hour < 12 ? "AM" : "PM";
        return time.Minute == 0 ? $"{hour} {suffix}" : $"{hour}:{time.Minute:00} {suffix}";
    }
}
