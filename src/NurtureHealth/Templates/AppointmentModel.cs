namespace NurtureHealth.Templates;

/// <summary>
/// The patient's booked appointment, in appointment journeys (confirmations, reminders, re-booking). In other
/// sequences <see cref="Booked"/> is false and the rest empty.
/// </summary>
/// <param name="Booked">True when the message is about an appointment.</param>
/// <param name="When">Its start in the location's time zone and the message's language, as slots read: <c>Tue Dec 1, 9:30 AM</c>.</param>
/// <param name="Confirmed">True once the patient has confirmed it (a "C" reply).</param>
public sealed record AppointmentModel(bool Booked, string When, bool Confirmed)
{
    /// <summary>No appointment.</summary>
    public static AppointmentModel None { get; } = new(false, "", false);
}
