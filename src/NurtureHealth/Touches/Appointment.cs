namespace NurtureHealth.Touches;

/// <summary>
/// A consultation booked in the clinic's scheduling system: one row per booking id, whatever reported it (FHIR, the
/// booking webhook, an events file), changed as the scheduler says — rescheduled, cancelled, missed, attended — with
/// each change kept in <see cref="AppointmentChange"/>. Its reminders are an enrollment in an appointment journey.
/// </summary>
public sealed class Appointment
{
    public long Id { get; set; }
    public long ContactId { get; set; }

    /// <summary>The scheduler's id for the booking (<c>Appointment/123</c> from FHIR, the <c>booking_id</c> otherwise); unique.</summary>
    public string BookingId { get; set; } = "";

    /// <summary>Where the first report came from: fhir, bookings-api, events:FILE, demo.</summary>
    public string Source { get; set; } = "";
    public string LocationId { get; set; } = "";
    public string? ProviderId { get; set; }
    public string ServiceLine { get; set; } = "";

    /// <summary>When the visit starts (UTC); a reschedule moves it.</summary>
    public DateTimeOffset Start { get; set; }
    public AppointmentStatus Status { get; set; } = AppointmentStatus.Booked;
    public DateTimeOffset BookedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the patient confirmed (a "C" reply), for the current start; a reschedule asks again.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>When the patient asked to reschedule (an "R" reply); staff were handed it.</summary>
    public DateTimeOffset? RescheduleRequestedAt { get; set; }

    /// <summary>The cancelled or missed appointment this one books again, when the same person had one (what "recovered" counts).</summary>
    public long? RebooksId { get; set; }

    /// <summary>For a FHIR appointment whose confirmation is to be written back: when it was written, or why it was not.</summary>
    public DateTimeOffset? ConfirmationWrittenAt { get; set; }
    public string? ConfirmationWriteOutcome { get; set; }

    /// <summary>True while it is still to come and may be reminded of.</summary>
    public bool Upcoming(DateTimeOffset now) => Status == AppointmentStatus.Booked && Start > now;
}
