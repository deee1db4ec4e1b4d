namespace NurtureHealth.Touches;

/// <summary>
/// A contact's journey through one sequence at one location. At most one active per contact and sequence. Its state
/// changes through the methods below, which refuse a change its state does not allow (an ended enrollment stays ended).
/// </summary>
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

    /// <summary>For an appointment journey: the appointment it reminds of or follows up; null for nurture.</summary>
    public long? AppointmentId { get; set; }

    public EnrollmentStatus Status { get; set; } = EnrollmentStatus.Active;
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended or paused, in words.</summary>
    public string? EndReason { get; set; }

    /// <summary>Touches sent so far.</summary>
    public int TouchesSent { get; set; }

    /// <summary>Touches sent since the patient last engaged (opened, clicked, replied).</summary>
    public int UnengagedTouches { get; set; }
    public DateTimeOffset? LastEngagedAt { get; set; }

    /// <summary>True when its next step is to be planned: it just started, it moved here, or a touch of it settled.</summary>
    public bool PlanPending { get; set; }

    /// <summary>The step the next plan continues after; null to start at the first step.</summary>
    public string? PlanAfterStep { get; set; }

    /// <summary>Where that step stood in its sequence, for when a hot reload has since removed it.</summary>
    public int? PlanAfterIndex { get; set; }

    /// <summary>When the next step's delay counts from.</summary>
    public DateTimeOffset? PlanFrom { get; set; }

    /// <summary>The touch whose settling asked for the plan: plans are made in the order their touches settled.</summary>
    public long? PlanAfterTouch { get; set; }

    /// <summary>True while it may still send or be resumed by a person: active or paused.</summary>
    public bool Open => Status is EnrollmentStatus.Active or EnrollmentStatus.Paused;

    /// <summary>Ends it (booked, opted out, completed, disengaged) with the reason; only an open enrollment ends.</summary>
    public void End(EnrollmentStatus status, string reason, DateTimeOffset at)
    {
        if (status is EnrollmentStatus.Active or EnrollmentStatus.Paused)
        {
            throw new ArgumentException($"{StoredName.Of(status)} does not end an enrollment", nameof(status));
        }

        Require(Open, $"end as {StoredName.Of(status)}");
        (Status, EndedAt, EndReason) = (status, at, reason);
    }

    /// <summary>A person takes over (the patient wrote back, a hot lead): nothing automatic goes out until they resume it.</summary>
    public void Pause(string reason)
    {
        Require(Open, "pause");
        (Status, EndReason) = (EnrollmentStatus.Paused, reason);
    }

    /// <summary>A message went out: one more sent, one more without an answer.</summary>
    public void MessageSent()
    {
        TouchesSent++;
        UnengagedTouches++;
    }

    /// <summary>The patient opened, clicked or replied: the count towards disengagement starts again.</summary>
    public void Engaged(DateTimeOffset at) => (UnengagedTouches, LastEngagedAt) = (0, at);

    /// <summary>A touch of it settled (sent, skipped, failed, uncertain, cancelled for one channel): plan what follows its step, from <paramref name="from"/>.</summary>
    public void StepDone(Touch touch, DateTimeOffset from) => ContinueAfter(touch.StepId, touch.StepIndex, from, touch.Id);

    /// <summary>Plan what follows <paramref name="stepId"/> (null: the first step), counting delays from <paramref name="from"/>.</summary>
    public void ContinueAfter(string? stepId, int? stepIndex, DateTimeOffset from, long? touchId)
    {
        (PlanAfterStep, PlanAfterIndex, PlanFrom, PlanAfterTouch) = (stepId, stepIndex, from, touchId);
        PlanPending = Status == EnrollmentStatus.Active;
    }

    /// <summary>Its next step is planned (or it ended).</summary>
    public void Planned() => PlanPending = false;

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
        AppointmentId = AppointmentId,
        EnrolledAt = now,
        PlanPending = true,
        PlanFrom = now,
    };

    private void Require(bool allowed, string change)
    {
        if (!allowed)
        {
            throw new InvalidOperationException($"enrollment {Id} is {StoredName.Of(Status)} and cannot {change}");
        }
    }
}
