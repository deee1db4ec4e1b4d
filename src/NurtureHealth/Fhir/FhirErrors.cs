using Hl7.Fhir.Rest;

namespace NurtureHealth.Fhir;

/// <summary>Classifies what can go wrong talking to a FHIR server, in words an operator can act on.</summary>
internal static class FhirErrors
{
    public static bool IsExpected(Exception e) =>
        e is FhirOperationException or SmartTokenException or HttpRequestException or TaskCanceledException or TimeoutException or FormatException or InvalidOperationException
            or Hl7.Fhir.Serialization.DeserializationFailedException;

    public static string Describe(Exception e) => e switch
    {
        SmartTokenException s => s.Reason,
        FhirOperationException f when (int)f.Status == 401 => "the server refused our credentials (401): check Nurture:Fhir:BearerToken or Nurture:Fhir:Auth",
        FhirOperationException f when (int)f.Status == 403 => "the server forbids this read (403): check the scopes granted",
        FhirOperationException f when (int)f.Status == 429 => "the server is rate limiting us (429)",
        FhirOperationException f => $"the server answered {(int)f.Status} {f.Status}",
        HttpRequestException => "the server cannot be reached",
        TaskCanceledException or TimeoutException => "the server did not answer in time",
        _ => $"the server's answer could not be read ({e.GetType().Name})",
    };
}
