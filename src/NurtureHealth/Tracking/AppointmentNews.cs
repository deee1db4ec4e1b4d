using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>What the scheduling system says about one booking: it was booked (or moved), cancelled, missed or attended.</summary>
/// <param name="ContactId">Who.</param>
/// <param name="BookingId">The scheduler's id for the booking; the appointment record is keyed by it.</param>
/// <param name="Status">Booked (a changed start is a reschedule), cancelled, no-show or attended.</param>
/// <param name="Start">When the visit starts; null keeps the start known (required for a first report).</param>
/// <param name="LocationId">The location; null keeps the one known, else the person's enrollment's.</param>
/// <param name="ProviderId">The provider; null keeps the one known.</param>
/// <param name="ServiceLine">The service line; null keeps the one known, else the person's enrollment's.</param>
/// <param name="At">When it happened.</param>
/// <param name="Source">Where it came from (fhir, bookings-api, events:FILE, demo).</param>
public sealed record AppointmentNews(long ContactId, string BookingId, AppointmentStatus Status, DateTimeOffset? Start, string? LocationId, string? ProviderId,
    string? ServiceLine, DateTimeOffset At, string Source);
