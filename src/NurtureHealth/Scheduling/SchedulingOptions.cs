using System.ComponentModel.DataAnnotations;
using System.Globalization;
using NurtureHealth.Locations;

namespace NurtureHealth.Scheduling;

/// <summary>Send windows and frequency caps (<c>Nurture:Scheduling</c>).</summary>
public sealed class SchedulingOptions : IValidatableObject
{
    /// <summary>Local hours for email when neither the location nor the group sets them (default 09:00-20:00).</summary>
    public string EmailWindow { get; set; } = "09:00-20:00";

    /// <summary>Local hours for SMS when neither the location nor the group sets them (default 09:00-20:00).</summary>
    public string SmsWindow { get; set; } = "09:00-20:00";

    /// <summary>At most this many SMS to one person per local day, across every sequence (default 1).</summary>
    [Range(1, 10, ErrorMessage = "Nurture:Scheduling:MaxSmsPerDay must be between 1 and 10.")]
    public int MaxSmsPerDay { get; set; } = 1;

    /// <summary>At most this many messages (email and SMS) to one person in any 7 days, across every sequence (default 3).</summary>
    [Range(1, 50, ErrorMessage = "Nurture:Scheduling:MaxMessagesPerWeek must be between 1 and 50.")]
    public int MaxMessagesPerWeek { get; set; } = 3;

    internal TimeRange Email => Parse(EmailWindow);

    internal TimeRange Sms => Parse(SmsWindow);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, value) in new[] { ("EmailWindow", EmailWindow), ("SmsWindow", SmsWindow) })
        {
            if (!TryParse(value, out var range))
            {
                yield return new ValidationResult($"Nurture:Scheduling:{key} '{value}' is not a time span such as 09:00-20:00.", [key]);
            }
            else if (range.Start < SendWindows.Legal.Start || range.End > SendWindows.Legal.End)
            {
                yield return new ValidationResult($"Nurture:Scheduling:{key} {value} reaches outside 08:00-21:00, the hours the TCPA allows.", [key]);
            }
        }
    }

    private static TimeRange Parse(string text) => TryParse(text, out var range) ? range : new TimeRange(new TimeOnly(9, 0), new TimeOnly(20, 0));

    private static bool TryParse(string? text, out TimeRange range)
    {
        range = default;
        var parts = (text ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            && end > start)
        {
            range = new TimeRange(start, end);
            return true;
        }

        return false;
    }
}
