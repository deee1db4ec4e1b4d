using NurtureHealth.Leads;

namespace NurtureHealth.Sequences;

/// <summary>What enrollment made of a lead (<see cref="Lead.EnrollmentOutcome"/>).</summary>
public static class EnrollmentOutcome
{
    public const string Enrolled = "enrolled";
    public const string AlreadyEnrolled = "already-enrolled";
    public const string NotPlaced = "not-placed";
    public const string NoSequence = "no-sequence";
    public const string Unreachable = "unreachable";
}
