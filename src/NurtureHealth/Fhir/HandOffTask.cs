namespace NurtureHealth.Fhir;

/// <summary>A hand-off to the location's staff, as written back.</summary>
/// <param name="Identifier">NurtureHealth's id for this write.</param>
/// <param name="Reason">A <see cref="HandOffs.HandOffReason"/>.</param>
/// <param name="Patient">The FHIR Patient: <c>Patient/123</c>.</param>
/// <param name="LocationFhirId">The location's Location id on the server (Task.location), when it has one.</param>
/// <param name="At">When the hand-off happened.</param>
public sealed record HandOffTask(string Identifier, string Reason, string Patient, string? LocationFhirId, DateTimeOffset At);
