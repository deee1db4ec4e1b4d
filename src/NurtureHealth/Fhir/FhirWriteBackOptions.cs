using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Fhir;

/// <summary>
/// Writing back to the clinic's FHIR server (<c>Nurture:Fhir:WriteBack</c>): a Communication per message sent to a
/// patient whose lead came from FHIR, and a Task for the location's staff at each hand-off. Off unless turned on,
/// and only when <see cref="FhirOptions.BaseUrl"/> is set.
/// </summary>
/// <remarks>
/// HIPAA minimum necessary: nothing of a message's content is written — no body, subject line or template text —
/// and no reply text goes into a Task. Only what happened, when, on which channel, and the sender's message id.
/// </remarks>
public sealed class FhirWriteBackOptions
{
    /// <summary>Write a Communication for each message sent to a FHIR patient (default off).</summary>
    public bool Communications { get; set; }

    /// <summary>
    /// Write a Task for the location's staff at each hand-off — score, hot lead (<c>Nurture:HandOff:HotLeadAfter</c>) or SMS
    /// reply — as the <c>hand_offs</c> rows record them (default off).
    /// </summary>
    public bool Tasks { get; set; }

    /// <summary>
    /// The FHIR id of the clinic group's Organization on the server: the sender of every Communication and the owner of
    /// every Task. R4 allows neither to be a Location; the location of a hand-off goes in <c>Task.location</c>. Empty:
    /// no sender and no owner (still valid R4, but staff work lists that filter by owner will not show the Tasks).
    /// </summary>
    public string? Organization { get; set; }

    /// <summary>How often pending write-backs are sent to the server; a failed run is retried at the next (default 1 minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Nurture:Fhir:WriteBack:Interval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Resources written per run, at most (default 200); the rest wait for the next run.</summary>
    [Range(1, 10_000, ErrorMessage = "Nurture:Fhir:WriteBack:BatchSize must be between 1 and 10000.")]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// The identifier system of NurtureHealth's own id on each resource: one id per sent message or hand-off, reused by
    /// every retry, and the key of the conditional create (<c>If-None-Exist: identifier=system|id</c>).
    /// </summary>
    [Required(ErrorMessage = "Nurture:Fhir:WriteBack:IdentifierSystem must be set.")]
    public string IdentifierSystem { get; set; } = "https://nurturehealth.example/fhir/write-back";

    /// <summary>The identifier system of an email's Message-ID on its Communication (default urn:ietf:rfc:5322).</summary>
    [Required(ErrorMessage = "Nurture:Fhir:WriteBack:EmailIdentifierSystem must be set.")]
    public string EmailIdentifierSystem { get; set; } = "urn:ietf:rfc:5322";

    /// <summary>The identifier system of an SMS's Twilio Message SID on its Communication.</summary>
    [Required(ErrorMessage = "Nurture:Fhir:WriteBack:SmsIdentifierSystem must be set.")]
    public string SmsIdentifierSystem { get; set; } = "https://www.twilio.com/docs/api/messaging";

    /// <summary>
    /// Search for the identifier before each create, for servers that ignore <c>If-None-Exist</c> (default off: the
    /// conditional create alone is enough where the CapabilityStatement says <c>conditionalCreate: true</c>).
    /// </summary>
    public bool SearchBeforeCreate { get; set; }

    /// <summary>
    /// Set the patient's <c>Appointment.participant.status</c> to <c>accepted</c> when they confirm by text ("C"), for
    /// appointments read from FHIR (default off).
    /// </summary>
    public bool Confirmations { get; set; }

    /// <summary>True when anything is to be written back.</summary>
    public bool Any => Communications || Tasks || Confirmations;
}
