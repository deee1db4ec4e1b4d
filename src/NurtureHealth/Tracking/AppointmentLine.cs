using System.Globalization;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// An appointment line of an events file or the booking webhook: <c>booked</c> with a <c>start</c> (a new booking, or a
/// new time for a known <c>booking_id</c>), <c>rescheduled</c>, <c>cancelled</c>, <c>no-show</c> or <c>attended</c>, with
/// <c>booking_id</c> (for <c>booked</c>, the line's <c>id</c> when left out), <c>location_id</c>, <c>provider_id</c>
/// and <c>service_line</c>.
/// </summary>
internal static class AppointmentLine
{
    /// <summary>The types that speak of an appointment.</summary>
    public static readonly IReadOnlyList<string> Types = [ContactEventType.Booked, "rescheduled", "cancelled", "no-show", "attended"];

    /// <summary>True when the line is about an appointment: any of its kinds but <c>booked</c>, which is one only with a start.</summary>
    public static bool IsAppointment(string type, string? start) => type == ContactEventType.Booked ? start is not null : Types.Contains(type);

    public static (AppointmentNews? News, string? Problem) Read(string type, long contactId, DateTimeOffset at, string source, Func<string, string?> text)
    {
        var bookingId = text("booking_id") ?? (type == ContactEventType.Booked ? text("id") : null);
        if (string.IsNullOrWhiteSpace(bookingId))
        {
            return (null, type == ContactEventType.Booked ? "booking_id (or id) is missing: it names the appointment" : $"booking_id is missing: a {type} line names the appointment it changes");
        }

        DateTimeOffset? start = null;
        if (text("start") is { } startText)
        {
            if (!HasZone(startText) || !DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return (null, $"booking {bookingId}: start must be an ISO 8601 timestamp with a time zone");
            }

            start = parsed.ToUniversalTime();
        }
        else if (type == "rescheduled")
        {
            return (null, $"booking {bookingId}: start is missing: a rescheduled line gives the new start");
        }

        var status = type switch
        {
            "cancelled" => AppointmentStatus.Cancelled,
            "no-show" => AppointmentStatus.NoShow,
            "attended" => AppointmentStatus.Attended,
            _ => AppointmentStatus.Booked,
        };
        return (new AppointmentNews(contactId, bookingId.Trim(), status, start, text("location_id"), text("provider_id"), text("service_line"), at, source), null);
    }

    /// <summary>True when an ISO 8601 timestamp ends with Z or an offset: without one it would be read in this server's own zone.</summary>
    public static bool HasZone(string text) => System.Text.RegularExpressions.Regex.IsMatch(text.Trim(), @"(Z|[+-]\d{2}:?\d{2})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
}
