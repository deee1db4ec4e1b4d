using NurtureHealth.Templates;

namespace NurtureHealth.Checks;

/// <summary>The sample patient and links the content checks render every message with.</summary>
internal static class SampleMessage
{
    /// <summary>The sample first name: long, so a text's length is measured near its worst.</summary>
    public const string FirstName = "Maximiliano";

    /// <summary>Links as long as real ones, marked so a check can find them in what was rendered.</summary>
    public static readonly LinksModel Links = new("https://example.invalid/b/SAMPLE-booking-link-token-0123456789", "https://example.invalid/u/SAMPLE-unsubscribe-token-0123456789");

    /// <summary>
    /// The sample appointment of confirmations and reminders: a date and time that write long (Wednesday the 30th, 10:30),
    /// in the location's time zone and the message's language.
    /// </summary>
    public static AppointmentModel Appointment(Locations.Location location, ContentStrings words)
    {
        var local = new DateTime(2026, 12, 30, 10, 30, 0);
        return MessageRenderer.Appointment(new DateTimeOffset(local, location.TimeZone.GetUtcOffset(local)), false, location.TimeZone, words);
    }
}
