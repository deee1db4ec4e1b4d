namespace NurtureHealth.Sequences;

/// <summary>What one pass over due touches did.</summary>
/// <param name="Looked">Due touches looked at.</param>
/// <param name="Ready">Touches made ready to send, with their template.</param>
/// <param name="Skipped">Touches skipped: a condition, no channel, a wait that ended (their enrollments' next steps are to be planned).</param>
/// <param name="Cancelled">Touches whose enrollment had ended.</param>
/// <param name="Waiting">Waits that wait on.</param>
public sealed record DueStepsRun(int Looked, int Ready, int Skipped, int Cancelled, int Waiting);
