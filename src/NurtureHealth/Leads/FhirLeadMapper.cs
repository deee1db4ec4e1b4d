using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace NurtureHealth.Leads;

/// <summary>
/// Turns a ServiceRequest and its Patient into a lead record, field by field (documented in docs/fhir.md).
/// What cannot be mapped is left empty, so intake rejects the record naming the field — with the
/// ServiceRequest's id — and keeps it.
/// </summary>
public static class FhirLeadMapper
{
    private static readonly FhirJsonSerializer Json = new();

    /// <summary>The lead id a ServiceRequest becomes.</summary>
    public static string LeadId(ServiceRequest request) => LeadId(request.Id ?? "");

    /// <summary>The lead id a ServiceRequest with this id becomes.</summary>
    public static string LeadId(string id) => $"fhir-sr-{id}";

    /// <summary>The ServiceRequest's id, or null when there is none or it cannot be read.</summary>
    public static string? IdOf(Resource resource) => FhirShape.Read(() => resource.Id);

    /// <summary>
    /// Maps one ServiceRequest (with its Patient, when it could be read) to a record for intake. An element the mapping
    /// reads that is shaped unlike R4 rejects this record, naming the resource and the element; nothing is thrown.
    /// </summary>
    /// <param name="line">The record's position in its source.</param>
    /// <param name="request">The ServiceRequest; its id must be readable (<see cref="IdOf"/>).</param>
    /// <param name="patient">Its Patient, when found.</param>
    /// <param name="options">The mapping settings.</param>
    /// <param name="label">How the messages name the request (default <c>ServiceRequest/id</c>).</param>
    public static ParsedRecord Map(int line, ServiceRequest request, Patient? patient, FhirLeadOptions options, string? label = null)
    {
        label ??= $"ServiceRequest/{request.Id}";
        var raw = Raw(request);
        var draft = new LeadDraft { ["id"] = LeadId(IdOf(request) ?? "") };
        try
        {
            draft["submitted_at"] = (DateTimeOffset.TryParse(request.AuthoredOn, CultureInfo.InvariantCulture, DateTimeStyles.None, out var authored)
                ? authored
                : request.Meta?.LastUpdated)?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
            draft["source"] = options.LeadSource;
            draft["service_line"] = ServiceLine(request, options);
            draft["interest"] = request.Code?.Text;
        }
        catch (Exception e) when (FhirShape.IsShapeError(e))
        {
            return new ParsedRecord(line, raw, draft, FhirShape.Rejection(request, label, e));
        }

        if (patient is null)
        {
            return new ParsedRecord(line, raw, draft, null);
        }

        try
        {
            var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
            draft["first_name"] = name?.Given.FirstOrDefault();
            draft["last_name"] = name?.Family;
            draft["email"] = Telecom(patient, ContactPoint.ContactPointSystem.Email);
            draft["phone"] = Telecom(patient, ContactPoint.ContactPointSystem.Sms) ?? Telecom(patient, ContactPoint.ContactPointSystem.Phone);
            draft["postal_code"] = (patient.Address.FirstOrDefault(a => a.Use == Address.AddressUse.Home) ?? patient.Address.FirstOrDefault())?.PostalCode;
            draft["language"] = (patient.Communication.FirstOrDefault(c => c.Preferred == true) ?? patient.Communication.FirstOrDefault())?.Language?.Coding.FirstOrDefault()?.Code;
            draft["consent.email"] = "true"; // the patient asked the clinic; Nurture:Consent:Email decides what that allows
            if (patient.GetExtension(options.SmsConsentExtension) is { } sms)
            {
                draft["consent.sms"] = "true";
                draft["consent.at"] = (sms.Value as FhirDateTime)?.Value;
                draft["consent.sms_text"] = sms.GetExtensionValue<FhirString>("text")?.Value;
            }

            draft.SourceReference = IdOf(patient) is { } patientId ? $"Patient/{patientId}" : null;
        }
        catch (Exception e) when (FhirShape.IsShapeError(e))
        {
            var patientLabel = IdOf(patient) is { } patientId ? $"Patient/{patientId}" : "Patient";
            return new ParsedRecord(line, raw, draft, FhirShape.Rejection(patient, $"{label}: its {patientLabel}", e));
        }

        return new ParsedRecord(line, raw, draft, null);
    }

    /// <summary>The resource as JSON, kept with a rejected record; a resource that cannot be written back is kept as nothing rather than lost with its record.</summary>
    private static byte[] Raw(Resource resource)
    {
        try
        {
            return Encoding.UTF8.GetBytes(Json.SerializeToString(resource));
        }
        catch (Exception e) when (FhirShape.IsShapeError(e) || e is ArgumentException)
        {
            return [];
        }
    }

    /// <summary>The service line a ServiceRequest asks for: a coding in the service-line system, or a mapped coding, in code then category.</summary>
    public static string? ServiceLine(ServiceRequest request, FhirLeadOptions options)
    {
        var codings = (request.Code?.Coding ?? []).Concat(request.Category.SelectMany(c => c.Coding));
        foreach (var coding in codings)
        {
            if (coding.System == options.ServiceLineSystem)
            {
                return coding.Code;
            }

            var key = $"{coding.System}|{coding.Code}";
            foreach (var (line, mapped) in options.ServiceLineCodes)
            {
                if (mapped.Contains(key, StringComparer.Ordinal))
                {
                    return line;
                }
            }
        }

        return null;
    }

    private static string? Telecom(Patient patient, ContactPoint.ContactPointSystem system) =>
        patient.Telecom.Where(t => t.System == system).OrderBy(t => t.Use == ContactPoint.ContactPointUse.Mobile ? 0 : 1).ThenBy(t => t.Rank ?? int.MaxValue)
            .Select(t => t.Value).FirstOrDefault();
}
