namespace NurtureHealth.Fhir;

/// <summary>The FHIR server could not be read; the message says why and that nothing was lost.</summary>
public sealed class FhirUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>Why, in a few words (for the log and <c>/health</c>).</summary>
    public string Reason { get; init; } = "";
}
