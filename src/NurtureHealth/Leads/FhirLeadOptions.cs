namespace NurtureHealth.Leads;

/// <summary>
/// How a FHIR ServiceRequest and its Patient become a lead (<c>Nurture:Fhir</c>, the same section as the server's
/// settings): wherever the lead comes from — the FHIR poll, a FHIR file in the inbox, or <c>POST /intake/fhir</c>.
/// </summary>
public sealed class FhirLeadOptions
{
    /// <summary>A code system whose codes are the group's service line ids (dermatology, dental-implants…).</summary>
    public string ServiceLineSystem { get; set; } = "https://nurturehealth.example/fhir/service-line";

    /// <summary>
    /// Other codings that mean a service line, keyed by service line: dental-implants → ["http://snomed.info/sct|1255549003"].
    /// Keyed by service line because a configuration key cannot hold the ':' of a code system's URL.
    /// </summary>
    public Dictionary<string, List<string>> ServiceLineCodes { get; set; } = [];

    /// <summary>The lead source leads from FHIR get (it picks their sequence; default web-form).</summary>
    public string LeadSource { get; set; } = "web-form";

    /// <summary>A Patient extension recording SMS consent: valueDateTime (when) with a nested "text" extension (the wording).</summary>
    public string SmsConsentExtension { get; set; } = "https://nurturehealth.example/fhir/StructureDefinition/sms-consent";
}
