namespace NurtureHealth.Sequences;

/// <summary>How enrollment treated the leads it looked at.</summary>
public sealed record EnrollmentReport(int Enrolled, int AlreadyEnrolled, int NotPlaced, int NoSequence, int Unreachable)
{
    /// <summary>Leads looked at.</summary>
    public int Total => Enrolled + AlreadyEnrolled + NotPlaced + NoSequence + Unreachable;
}
