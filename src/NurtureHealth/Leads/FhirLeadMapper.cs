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
    public static string LeadId(ServiceRequest request) => $"fhir-sr-{request.Id}";

    /// <summary>Maps one ServiceRequest (with its Patient, when it could be read) to a record for intake.</summary>
    public static ParsedRecord Map(int line, ServiceRequest request, Patient? patient, FhirLeadOptions options)
    {
        var draft = new LeadDraft
        {
            ["id"] = LeadId(request),
            ["submitted_at"] = (DateTimeOffset.TryParse(request.AuthoredOn, CultureInfo.InvariantCulture, DateTimeStyles.None, out var authored)
                ? authored
                : request.Meta?.LastUpdated)?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["source"] = options.LeadSource,
            ["service_line"] = ServiceLine(request, options),
            ["interest"] = request.Code?.Text,
        };
        if (patient is not null)
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

            draft.SourceReference = patient.Id is null ? null : $"Patient/{patient.Id}";
        }

        return new ParsedRecord(line, Encoding.UTF8.GetBytes(Json.SerializeToString(request)), draft, null);
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
