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
/// the watermark (minus an overlap), with their Patients, one page at a time. Each page's new requests become leads
/// through normal intake (validated, placed, stored, or rejected naming the ServiceRequest, the element and why) and
/// are committed before the next page is read; then the watermark moves to that page's newest. So memory stays flat,
/// the first lead is stored while later pages wait, and a poll that fails part-way loses nothing and re-reads only
/// from the last stored page. Resources already taken are skipped, so the overlap never duplicates.
/// </summary>
public sealed partial class FhirLeadPoller(
    FhirConnection fhir,
    IDbContextFactory<NurtureDbContext> databases,
    LeadImporter importer,
    FhirStatus status,
    FhirCapabilities capabilities,
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
        var (found, fresh, accepted, rejected, unreadable, pages) = (0, 0, 0, 0, 0, 0);
        await capabilities.EnsureReadAsync(cancellationToken);
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
            if (capabilities.IncludesSubject)
            {
                query.Include("ServiceRequest:subject");
            }

            await foreach (var page in FhirConnection.PagesAsync<ServiceRequest>(client, query, cancellationToken))
            {
                pages++;
                found += page.Resources.Count;
                unreadable += page.Unreadable;
                var report = await StorePageAsync(db, client, page, cancellationToken);
                if (report is not null)
                {
                    (fresh, accepted, rejected) = (fresh + report.Records, accepted + report.Accepted, rejected + report.Rejected);
                }

                if (page.Resources.Select(r => FhirShape.Read(() => r.Meta?.LastUpdated)).Max() is { } newest)
                {
                    await FhirWatermarks.MoveAsync(db, Watermark, newest, clock.GetUtcNow(), cancellationToken);
                }
            }

            status.Succeeded("leads", $"{found} ServiceRequests read, {fresh} new"
                + (unreadable > 0 ? $"; {unreadable} search entries were not resources at all and could not be read" : ""), clock.GetUtcNow());
            LogPolled(logger, found, pages, fresh, accepted, rejected);
            if (unreadable > 0)
            {
                LogUnreadable(logger, unreadable);
            }

            return new FhirPollReport(found, fresh, accepted, rejected, pages);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Expected or not, a failed poll shows on /health with why; what earlier pages stored stays stored.
            var failure = status.PollFailed("leads", "ServiceRequests", e, clock.GetUtcNow());
            LogFailed(logger, failure.Reason, pages, accepted + rejected);
            throw failure;
        }
    }

    /// <summary>Imports the requests of one page not taken before; null when there were none.</summary>
    private async Task<ImportReport?> StorePageAsync(NurtureDbContext db, Hl7.Fhir.Rest.FhirClient client, FhirPage<ServiceRequest> page, CancellationToken cancellationToken)
    {
        var ids = page.Resources.Select(r => FhirLeadMapper.IdOf(r) is { } id ? FhirLeadMapper.LeadId(id) : null).OfType<string>().ToList();
        var seen = (await db.Leads.Where(l => ids.Contains(l.ExternalId)).Select(l => l.ExternalId)
            .Union(db.RejectedLeads.Where(r => r.ExternalId != null && ids.Contains(r.ExternalId)).Select(r => r.ExternalId!))
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var fresh = page.Resources.Where(r => FhirLeadMapper.IdOf(r) is not { } id || !seen.Contains(FhirLeadMapper.LeadId(id))).ToList();
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
    private async Task<Dictionary<string, Patient>> PatientsAsync(Hl7.Fhir.Rest.FhirClient client, List<ServiceRequest> requests, IEnumerable<Patient> included,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Patient>(StringComparer.Ordinal);
        foreach (var patient in included)
        {
            if (FhirLeadMapper.IdOf(patient) is { } id)
            {
                result[id] = patient;
            }
        }

        foreach (var chunk in requests.Select(PatientId).OfType<string>().Where(id => !result.ContainsKey(id)).Distinct().Chunk(50))
        {
            var found = await FhirConnection.SearchAllAsync<Patient>(client, new SearchParams().Where($"_id={string.Join(',', chunk)}").LimitTo(chunk.Length), cancellationToken);
            foreach (var patient in found)
            {
                if (FhirLeadMapper.IdOf(patient) is { } id)
                {
                    result[id] = patient;
                }
            }
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR leads poll: {Found} ServiceRequests in {Pages} pages, {New} new: {Accepted} accepted, {Rejected} rejected")]
    private static partial void LogPolled(ILogger logger, int found, int pages, int @new, int accepted, int rejected);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FHIR leads poll: {Count} search entries were not resources at all and could not be read; ask the server's owner")]
    private static partial void LogUnreadable(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "FHIR leads poll failed: {Reason}; {Stored} ServiceRequests from {Pages} pages before it are stored and the watermark is past them, the next poll goes on from there")]
    private static partial void LogFailed(ILogger logger, string reason, int pages, int stored);
}
