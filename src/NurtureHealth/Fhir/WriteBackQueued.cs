namespace NurtureHealth.Fhir;

/// <summary>What one look for new write-backs found.</summary>
public sealed record WriteBackQueued(int Pending, int Skipped);
