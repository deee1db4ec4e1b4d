namespace NurtureHealth.HandOffs;

/// <summary>
/// A patient handed to the location's staff (<c>hand_offs</c>) — because their score crossed the line, they clicked to
/// book and did not, or they texted back — and whether the staff were told. Every hand-off is one row, made in
/// <see cref="StaffHandOffs"/>; the staff email is sent from the row by <see cref="StaffNotifier"/>, and a FHIR Task, when
/// write-back is on, is a projection of it.
/// </summary>
public sealed class HandOff
{
    public long Id { get; set; }

    /// <summary>The patient; null when an SMS came from a number that is no contact.</summary>
    public long? ContactId { get; set; }
    public long? EnrollmentId { get; set; }

    /// <summary>The location whose staff are told; empty when it could not be known (an unknown number texted an unknown line).</summary>
    public string LocationId { get; set; } = "";

    /// <summary><see cref="HandOffReason"/>.</summary>
    public string Reason { get; set; } = "";

    /// <summary>Why now, in words for staff: <c>score 64 crossed 60 (clicked the booking link)</c>.</summary>
    public string Detail { get; set; } = "";

    /// <summary>For a reply: the number that texted, E.164, to call or text back.</summary>
    public string? Phone { get; set; }

    /// <summary>For a reply: what the patient wrote, for the staff who answer (the staff email quotes it; nothing else does).</summary>
    public string? Message { get; set; }

    /// <summary>For a reply: the words might be a request to stop texts, and staff are warned.</summary>
    public bool MaybeStop { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? NotifiedAt { get; set; }

    /// <summary>What happened to the notification: sent, or why not (no staff_email, refused by the mail server).</summary>
    public string? NotifyOutcome { get; set; }
}
