using NurtureHealth.Locations;

namespace NurtureHealth.Templates;

/// <summary>Writes opening hours for patients, runs of days with the same hours together: <c>Mon–Thu 8 AM–5 PM; Sat 9 AM–1 PM</c>.</summary>
internal static class HoursText
{
    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The hours in the words of a language: its culture's day names, its time formats (<c>templates/_strings/LANG.yaml</c>).</summary>
    public static string Format(OpeningHours hours, ContentStrings words)
    {
        var names = Week.Select(words.DayName).ToArray();
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
                parts.Add($"{days} {string.Join(", ", spans.Select(s => $"{words.Time(s.Start)}–{words.Time(s.End)}"))}");
            }

            i = j + 1;
        }

        return string.Join("; ", parts);
    }
}
