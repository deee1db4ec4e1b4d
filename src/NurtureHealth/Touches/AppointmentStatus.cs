namespace NurtureHealth.Touches;

/// <summary>Where a booked appointment stands, as the scheduling system last said. Stored as the lower-case name, hyphenated.</summary>
public enum AppointmentStatus
{
    /// <summary>Booked (or rescheduled): reminders go out before its start.</summary>
    Booked,

    /// <summary>Cancelled before the visit: its reminders are cancelled, and a re-booking sequence may start.</summary>
    Cancelled,

    /// <summary>The patient did not come: a no-show recovery sequence may start.</summary>
    NoShow,

    /// <summary>The patient came (arrived or fulfilled): what was still open for it ends.</summary>
    Attended,
}
