using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Fhir;

/// <summary>
/// The clinic's FHIR R4 server (<c>Nurture:Fhir</c>). Setting <see cref="BaseUrl"/> turns on polling for leads and bookings and real open slots in messages.
/// How a ServiceRequest maps to a lead is read from the same section by <see cref="Leads.FhirLeadOptions"/>.
/// </summary>
public sealed class FhirOptions
{
    /// <summary>The server's base address, such as https://ehr.example.org/fhir/R4; empty turns FHIR off.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// A static OAuth bearer token, for servers that hand out a long-lived one. To have NurtureHealth fetch and renew
    /// its own tokens (SMART Backend Services, or a client id and secret) use <see cref="FhirAuthOptions"/> instead.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>How often to look for new ServiceRequests and Appointments (default 1 minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Nurture:Fhir:PollInterval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far each poll reaches back before the watermark, for clocks that disagree and writes that land late (default 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Nurture:Fhir:Overlap must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Resources per page requested (default 100).</summary>
    [Range(1, 1000, ErrorMessage = "Nurture:Fhir:PageSize must be between 1 and 1000.")]
    public int PageSize { get; set; } = 100;

    /// <summary>The tag (system|code) on a ServiceRequest that marks it for nurture.</summary>
    public string IntentTag { get; set; } = "https://nurturehealth.example/fhir/tags|nurture";

    /// <summary>How many free slots a message may list (default 3).</summary>
    [Range(1, 10, ErrorMessage = "Nurture:Fhir:SlotCount must be between 1 and 10.")]
    public int SlotCount { get; set; } = 3;

    /// <summary>How long slots are cached (default 5 minutes).</summary>
    public TimeSpan SlotCache { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a send waits for slots before using the template's fallback (default 2 seconds).</summary>
    public TimeSpan SlotTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// For <c>nurture locations sync</c>: specialty id → the "system|code" codings on PractitionerRole.specialty that mean it
    /// (dermatology → ["http://nucc.org/provider-taxonomy|207N00000X"]). Keyed by specialty because configuration keys
    /// cannot hold the ':' of a code system's URL. A coding whose code already is a specialty id needs no entry.
    /// </summary>
    public Dictionary<string, List<string>> SpecialtyCodes { get; set; } = [];

    /// <summary>For <c>nurture locations sync</c>: extra search criteria for the group's Locations (organization=Organization/123); empty reads every Location.</summary>
    public string? LocationSearch { get; set; }

    /// <summary>For <c>nurture locations sync</c>: a Location identifier system whose value is a location's folder id, linking a file that has no fhir_id yet.</summary>
    public string LocationIdentifierSystem { get; set; } = "https://nurturehealth.example/fhir/location-id";

    /// <summary>True when a FHIR server is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
