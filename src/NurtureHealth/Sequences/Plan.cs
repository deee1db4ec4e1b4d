using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>The next thing to do for an enrollment: touches to write (skipped ones first, then the one scheduled), or an exit.</summary>
public sealed record Plan(IReadOnlyList<Touch> Touches, EnrollmentStatus? Exit, string? ExitReason);
