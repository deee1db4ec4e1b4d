namespace NurtureHealth.Touches;

/// <summary>One change of an <see cref="Appointment"/>, as reported: its history, oldest first.</summary>
public sealed class AppointmentChange
{
    public long Id { get; set; }
    public long AppointmentId { get; set; }

    /// <summary>booked, rescheduled, cancelled, no-show, attended, confirmed, reschedule-requested.</summary>
    public string Change { get; set; } = "";

    /// <summary>The start after the change.</summary>
    public DateTimeOffset Start { get; set; }

    /// <summary>When it happened, as its source says.</summary>
    public DateTimeOffset At { get; set; }
    public string Source { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
