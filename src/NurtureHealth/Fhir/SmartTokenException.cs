namespace NurtureHealth.Fhir;

/// <summary>
/// No access token could be had for the FHIR server: the token endpoint refused our client, could not be reached or
/// answered something unreadable, or the key could not be read. The message says why and never holds a secret,
/// the key or the signed assertion.
/// </summary>
public sealed class SmartTokenException(string reason, Exception? inner = null) : Exception(reason, inner)
{
    /// <summary>Why, in a few words an operator can act on (for the log and <c>/health</c>).</summary>
    public string Reason => Message;
}
