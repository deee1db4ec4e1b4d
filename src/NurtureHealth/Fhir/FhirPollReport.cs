namespace NurtureHealth.Fhir;

/// <summary>What one leads poll found: ServiceRequests read, new ones imported, and how those went; pages read.</summary>
public sealed record FhirPollReport(int Found, int New, int Accepted, int Rejected, int Pages);
