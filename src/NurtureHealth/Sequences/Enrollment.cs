namespace NurtureHealth.Sequences;

/// <summary>A contact's journey through one sequence at one location. At most one active per contact and sequence.</summary>
public sealed class Enrollment
{
    public long Id { get; set; }
    public long ContactId { get; set; }

    /// <summary>The lead that enrolled the contact.</summary>
    public long LeadId { get; set; }
    public string SequenceId { get; set; } = "";
    public string ServiceLine { get; set; } = "";
    public string LocationId { get; set; } = "";
    public string? ProviderId { get; set; }
    public string Language { get; set; } = "en";

    /// <summary><see cref="EnrollmentStatus"/>: active, booked, opted-out, completed, disengaged.</summary>
    public string Status { get; set; } = EnrollmentStatus.Active;
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended, in words.</summary>
    public string? EndReason { get; set; }

    /// <summary>Touches sent so far.</summary>
    public int TouchesSent { get; set; }

    /// <summary>Touches sent since the patient last engaged (opened, clicked, replied).</summary>
    public int UnengagedTouches { get; set; }
    public DateTimeOffset? LastEngagedAt { get; set; }

    /// <summary>
    /// The same person, lead, location and provider in another sequence, starting now, with no touch yet (the enroller
    /// plans its first): a silent lead moved to re-engagement, or a hot lead moved to a hand-off sequence.
    /// </summary>
    public Enrollment ContinueIn(string sequenceId, DateTimeOffset now) => new()
    {
        ContactId = ContactId,
        LeadId = LeadId,
        SequenceId = sequenceId,
        ServiceLine = ServiceLine,
        LocationId = LocationId,
        ProviderId = ProviderId,
        Language = Language,
        EnrolledAt = now,
    };
}

/// <summary>The states of an enrollment.</summary>
public static class EnrollmentStatus
{
    public const string Active = "active";
    public const string Booked = "booked";
    public const string OptedOut = "opted-out";
    public const string Completed = "completed";
    public const string Disengaged = "disengaged";

    /// <summary>The patient wrote back: a person at the location answers, and nothing automatic goes out meanwhile.</summary>
    public const string Paused = "paused";
}
