namespace NurtureHealth.Fhir;

/// <summary>The FHIR server could not be read; the message says why and that nothing was lost.</summary>
public sealed class FhirUnavailableException(string message, Exception inner) : Exception(message, inner);
