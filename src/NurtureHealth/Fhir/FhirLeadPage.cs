using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Storage;

namespace NurtureHealth.Fhir;

/// <summary>
/// One page of a leads poll into leads: the requests not taken yet, with their Patients (from the page, or read by id),
/// mapped and imported through normal intake — or rejected naming the request, the element and why — in one import
/// per page. <see cref="FhirLeadPoller"/> decides which pages to read and moves the watermark.
/// </summary>
public sealed partial class FhirLeadPage(FhirConnection fhir, LeadImporter importer, IOptions<FhirLeadOptions> mapping, ILogger<FhirLeadPage> logger)
{
    /// <summary>The requests not yet taken (as a lead or a rejection).</summary>
    public static async Task<List<ServiceRequest>> UnseenAsync(NurtureDbContext db, List<ServiceRequest> requests, CancellationToken cancellationToken)
    {
        var ids = requests.Select(r => FhirLeadMapper.IdOf(r) is { } id ? FhirLeadMapper.LeadId(id) : null).OfType<string>().ToList();
        var seen = (await db.Leads.Where(l => ids.Contains(l.ExternalId)).Select(l => l.ExternalId)
            .Union(db.RejectedLeads.Where(r => r.ExternalId != null && ids.Contains(r.ExternalId)).Select(r => r.ExternalId!))
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return requests.Where(r => FhirLeadMapper.IdOf(r) is not { } id || !seen.Contains(FhirLeadMapper.LeadId(id))).ToList();
    }

    /// <summary>Imports the requests of one page not taken before, committed before it returns; null when there were none.</summary>
    public async Task<ImportReport?> StoreAsync(NurtureDbContext db, FhirClient client, FhirPage<ServiceRequest> page, CancellationToken cancellationToken)
    {
        var fresh = await UnseenAsync(db, page.Resources, cancellationToken);
        if (fresh.Count == 0)
        {
            return null;
        }

        var patients = await PatientsAsync(client, fresh, page.Included.OfType<Patient>(), cancellationToken);
        var records = fresh.Select((r, i) => Record(i + 1, r, patients)).ToList();
        return await System.Threading.Tasks.Task.Run(() => importer.Import($"fhir:ServiceRequest (page {page.Number})", LeadFileFormat.FhirBundle, records, cancellationToken), cancellationToken);
    }

    private string? PatientId(ServiceRequest request) =>
        FhirReference.IdOf(FhirShape.Read(() => request.Subject?.Reference), "Patient", fhir.Options.BaseUrl);

    /// <summary>A ServiceRequest as a lead record; unreadable, or without its Patient, it is rejected saying so, under its lead id.</summary>
    private ParsedRecord Record(int line, ServiceRequest request, Dictionary<string, Patient> patients)
    {
        if (FhirLeadMapper.IdOf(request) is not { } requestId)
        {
            return new ParsedRecord(line, [], null, new LeadFieldError("ServiceRequest.id", "malformed-fhir",
                $"a ServiceRequest on the server (number {line} of its page) has no readable id, so it cannot become a lead"));
        }

        var reference = FhirShape.Read(() => request.Subject?.Reference);
        var contained = FhirReference.Contained<Patient>(request, reference);
        string? problem = null;
        var id = contained is null ? FhirReference.IdOf(reference, "Patient", fhir.Options.BaseUrl, out problem) : null;
        var patient = contained ?? (id is null ? null : patients.GetValueOrDefault(id));
        var record = FhirLeadMapper.Map(line, request, patient, mapping.Value, $"ServiceRequest/{requestId}");
        if (contained is not null && record.Draft is not null)
        {
            record.Draft.SourceReference = null; // a contained Patient has no id of its own on the server
        }

        return patient is not null || record.Error is not null ? record : record with
        {
            Error = new LeadFieldError("subject", "missing-patient",
                $"ServiceRequest/{requestId}: {problem ?? $"its subject Patient/{id} is not on the server (deleted, or not readable with our access)"}"),
        };
    }

    /// <summary>The requests' Patients: those the page carried (<c>_include</c>), and the rest read by id, 50 at a time.</summary>
    private async Task<Dictionary<string, Patient>> PatientsAsync(FhirClient client, List<ServiceRequest> requests, IEnumerable<Patient> included,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Patient>(StringComparer.Ordinal);
        void Keep(IEnumerable<Patient> patients)
        {
            foreach (var patient in patients)
            {
                if (FhirLeadMapper.IdOf(patient) is { } id)
                {
                    result[id] = patient;
                }
            }
        }

        Keep(included);

        foreach (var chunk in requests.Select(PatientId).OfType<string>().Where(id => !result.ContainsKey(id)).Distinct().Chunk(50))
        {
            List<Patient> found;
            try
            {
                found = await FhirConnection.SearchAllAsync<Patient>(client, new SearchParams().Where($"_id={string.Join(',', chunk)}").LimitTo(chunk.Length), cancellationToken);
            }
            catch (FhirOperationException e) when ((int)e.Status is >= 400 and < 500 and not (401 or 403 or 429))
            {
                // The server refuses this lookup (an id it cannot take, a list too long): these requests are rejected as
                // missing their Patient, kept with the reason, and the poll goes on; a retry would be refused the same way.
                LogPatientsRefused(logger, (int)e.Status, chunk.Length);
                continue;
            }

            Keep(found);
        }

        return result;
    }

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "FHIR leads poll: the server refused a Patient lookup ({Status}) for {Count} ServiceRequests; they are rejected as missing their Patient")]
    private static partial void LogPatientsRefused(ILogger logger, int status, int count);
}
