using NurtureHealth.Leads;

namespace NurtureHealth.Fhir;

/// <summary>What one poll found.</summary>
public sealed record FhirPollReport(int Found, int New, ImportReport? Import);
