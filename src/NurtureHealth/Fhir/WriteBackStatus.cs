namespace NurtureHealth.Fhir;

/// <summary>The states of a write-back.</summary>
public static class WriteBackStatus
{
    /// <summary>Not on the server yet; tried at every run until it is.</summary>
    public const string Pending = "pending";

    /// <summary>On the server (created now, or found there by its identifier).</summary>
    public const string Written = "written";

    /// <summary>Nothing to write: not a FHIR patient, booked since the click, already handed off… (see outcome).</summary>
    public const string Skipped = "skipped";

    /// <summary>The server refused it (400, 409, 410, 412, 422); kept with the reason, and tried again only once the write-back configuration changes.</summary>
    public const string Failed = "failed";
}
