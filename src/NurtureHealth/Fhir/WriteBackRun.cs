namespace NurtureHealth.Fhir;

/// <summary>What one write-back run did.</summary>
/// <param name="Queued">New write-backs found (rows made pending).</param>
/// <param name="Skipped">New rows with nothing to write (not a FHIR patient, booked since the click…).</param>
/// <param name="Written">Resources now on the server.</param>
/// <param name="Refused">Write-backs the server refused for good in this run.</param>
/// <param name="Waiting">Pending write-backs left for later runs.</param>
public sealed record WriteBackRun(int Queued, int Skipped, int Written, int Refused, int Waiting);
