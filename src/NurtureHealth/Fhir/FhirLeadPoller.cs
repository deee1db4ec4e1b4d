using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Storage;

namespace NurtureHealth.Fhir;

/// <summary>
/// Reads new leads from the FHIR server: ServiceRequests with intent=proposal and the nurture tag, updated since
/// the watermark (minus an overlap), every page, with their Patients. Each becomes a lead through normal intake
/// (validated, placed, stored, or rejected naming the ServiceRequest). Resources already seen are skipped, so
/// the overlap never duplicates; the watermark moves only after the import has committed, so a failure never
/// loses anything — the next poll reads the same window again.
/// </summary>
public sealed partial class FhirLeadPoller(
    FhirConnection fhir,
    IDbContextFactory<NurtureDbContext> databases,
    LeadImporter importer,
    FhirStatus status,
    IOptions<FhirLeadOptions> mapping,
    TimeProvider clock,
    ILogger<FhirLeadPoller> logger)
{
    /// <summary>The watermark's name.</summary>
    public const string Watermark = "leads";

    /// <summary>Polls once.</summary>
    public async Task<FhirPollReport> PollAsync(CancellationToken cancellationToken = default)
    {
        var o = fhir.Options;
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var since = (await FhirWatermarks.ReadAsync(db, Watermark, cancellationToken) ?? DateTimeOffset.UnixEpoch) - o.Overlap;
            var client = fhir.Open();
            var query = new SearchParams()
                .Where($"_lastUpdated=ge{since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}")
                .Where("intent=proposal")
                .Where($"_tag={o.IntentTag}")
                .OrderBy("_lastUpdated")
                .LimitTo(o.PageSize);
            var requests = await FhirConnection.SearchAllAsync<ServiceRequest>(client, query, cancellationToken);
            var ids = requests.Select(FhirLeadMapper.LeadId).ToList();
            var seen = await db.Leads.Where(l => ids.Contains(l.ExternalId)).Select(l => l.ExternalId)
                .Union(db.RejectedLeads.Where(r => r.ExternalId != null && ids.Contains(r.ExternalId)).Select(r => r.ExternalId!))
                .ToListAsync(cancellationToken);
            var fresh = requests.Where(r => !seen.Contains(FhirLeadMapper.LeadId(r))).ToList();
            var patients = await PatientsAsync(client, fresh, cancellationToken);
            ImportReport? report = null;
            if (fresh.Count > 0)
            {
                var records = fresh.Select((r, i) => Record(i + 1, r, patients));
                report = importer.Import("fhir:ServiceRequest", LeadFileFormat.FhirBundle, records, cancellationToken);
            }

            if (requests.Select(r => r.Meta?.LastUpdated).Max() is { } newest)
            {
                await FhirWatermarks.MoveAsync(db, Watermark, newest, clock.GetUtcNow(), cancellationToken);
            }

            status.Succeeded("leads", $"{requests.Count} ServiceRequests read, {fresh.Count} new", clock.GetUtcNow());
            LogPolled(logger, requests.Count, fresh.Count, report?.Accepted ?? 0, report?.Rejected ?? 0);
            return new FhirPollReport(requests.Count, fresh.Count, report);
        }
        catch (Exception e) when (FhirErrors.IsExpected(e))
        {
            var failure = status.PollFailed("leads", "ServiceRequests", e, clock.GetUtcNow());
            LogFailed(logger, failure.Reason);
            throw failure;
        }
    }

    private string? PatientId(ServiceRequest request) => FhirReference.IdOf(request.Subject?.Reference, "Patient", fhir.Options.BaseUrl);

    /// <summary>A ServiceRequest as a lead record; without its Patient it is rejected saying so, under its lead id.</summary>
    private ParsedRecord Record(int line, ServiceRequest request, Dictionary<string, Patient> patients)
    {
        var id = FhirReference.IdOf(request.Subject?.Reference, "Patient", fhir.Options.BaseUrl, out var problem);
        var patient = id is null ? null : patients.GetValueOrDefault(id);
        var record = FhirLeadMapper.Map(line, request, patient, mapping.Value);
        return patient is not null ? record : record with
        {
            Error = new LeadFieldError("subject", "missing-patient",
                $"ServiceRequest/{request.Id}: {problem ?? $"its subject Patient/{id} is not on the server (deleted, or not readable with our access)"}"),
        };
    }

    private async Task<Dictionary<string, Patient>> PatientsAsync(Hl7.Fhir.Rest.FhirClient client, List<ServiceRequest> requests, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Patient>(StringComparer.Ordinal);
        foreach (var chunk in requests.Select(PatientId).OfType<string>().Distinct().Chunk(50))
        {
            var found = await FhirConnection.SearchAllAsync<Patient>(client, new SearchParams().Where($"_id={string.Join(',', chunk)}").LimitTo(chunk.Length), cancellationToken);
            foreach (var patient in found)
            {
                result[patient.Id!] = patient;
            }
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR leads poll: {Found} ServiceRequests in the window, {New} new: {Accepted} accepted, {Rejected} rejected")]
    private static partial void LogPolled(ILogger logger, int found, int @new, int accepted, int rejected);

    [LoggerMessage(Level = LogLevel.Error, Message = "FHIR leads poll failed: {Reason}; the watermark did not move")]
    private static partial void LogFailed(ILogger logger, string reason);
}
