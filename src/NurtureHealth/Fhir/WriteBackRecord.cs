namespace NurtureHealth.Fhir;

/// <summary>
/// One thing to write back to the FHIR server — a Communication for a sent touch, or a Task for a hand-off — and
/// how that went. Rows are made from the database's own record of what happened (sent touches, hand-offs), so
/// nothing is lost while the server is down; each holds its <see cref="Identifier"/>, so nothing is written twice.
/// </summary>
public sealed class WriteBackRecord
{
    public long Id { get; set; }

    /// <summary><see cref="WriteBackKind"/>: communication or task.</summary>
    public string Kind { get; set; } = "";

    /// <summary>For a task, why: the hand-off's <see cref="HandOffs.HandOffReason"/>.</summary>
    public string? Reason { get; set; }

    /// <summary>The live contact (after merges) when the row was made.</summary>
    public long ContactId { get; set; }

    /// <summary>For a communication: the sent touch.</summary>
    public long? TouchId { get; set; }

    /// <summary>For a task: the hand-off it projects (<c>hand_offs</c>).</summary>
    public long? HandOffId { get; set; }
    public long? EnrollmentId { get; set; }
    public string? LocationId { get; set; }

    /// <summary>The FHIR Patient (<c>Patient/123</c>); null when the contact's leads did not come from FHIR.</summary>
    public string? Patient { get; set; }

    /// <summary>NurtureHealth's id for this write (a GUID), on the resource and in its conditional create; every retry reuses it.</summary>
    public string Identifier { get; set; } = "";

    /// <summary><see cref="WriteBackStatus"/>.</summary>
    public string Status { get; set; } = WriteBackStatus.Pending;

    /// <summary>When it happened: the touch was sent, the patient replied, the click turned hot.</summary>
    public DateTimeOffset HappenedAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>Why it was skipped, or the server's last refusal (a status code and its meaning, never content).</summary>
    public string? Outcome { get; set; }

    /// <summary>
    /// For a failed row, the write-back configuration the server refused it under (<see cref="FhirWriteBack.Configuration"/>):
    /// when the configuration changes, the row is tried again, built the new way.
    /// </summary>
    public string? RefusedUnder { get; set; }

    /// <summary>The resource on the server once written: <c>Communication/abc</c>.</summary>
    public string? ResourceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? WrittenAt { get; set; }
}
