using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Fhir;

/// <summary>
/// Writes back to the clinic's FHIR server what NurtureHealth did for its patients: a Communication per sent touch,
/// a Task per hand-off to the location's staff (<see cref="FhirWriteBackOptions"/>). Each run first finds new work in
/// the database (<see cref="WriteBackQueue"/>), then writes pending rows oldest first, each with a conditional create
/// on its own identifier — so a retry after a lost answer finds the resource instead of making a second one.
/// </summary>
/// <remarks>
/// Sends never wait for this: it runs in its own Quartz job, from rows the dispatcher already committed. A server
/// that is down or refuses our credentials stops the run, is reported on /health and in the log, and the same rows
/// are tried at the next run; a resource the server rejects as invalid (400, 409, 410, 412, 422) is kept as failed
/// with the reason. Logs and health carry row ids, counts and status codes — never a Patient id or any content.
/// </remarks>
public sealed partial class FhirWriteBack(
    FhirConnection fhir,
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog locations,
    FhirStatus status,
    IOptions<FhirWriteBackOptions> options,
    TimeProvider clock,
    ILogger<FhirWriteBack> logger)
{
    /// <summary>The health entry.</summary>
    public const string Check = "write-back";

    // When each kind was switched on (kept in fhir_watermarks): what happened before is not written back.
    internal const string CommunicationsSince = "write-back-communications";
    internal const string TasksSince = "write-back-tasks";

    // FhirLeadMapper.LeadId: a lead from ServiceRequest/123 is fhir-sr-123.
    private const string ServiceRequestLead = "fhir-sr-";

    /// <summary>True when a FHIR server is configured and something is to be written back.</summary>
    public bool Active => fhir.Options.Enabled && options.Value.Any;

    /// <summary>At start: records when each kind of write-back was switched on, and forgets it for a kind switched off.</summary>
    public async System.Threading.Tasks.Task StartAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await SinceAsync(db, CommunicationsSince, Active && options.Value.Communications, now, cancellationToken);
        await SinceAsync(db, TasksSince, Active && options.Value.Tasks, now, cancellationToken);
    }

    /// <summary>Finds new write-backs, then writes up to a batch of pending ones. Throws <see cref="FhirUnavailableException"/> when the server fails.</summary>
    public async Task<WriteBackRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        if (!Active)
        {
            return new WriteBackRun(0, 0, 0, 0, 0);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var queue = new WriteBackQueue(db, now, o.BatchSize);
        var found = new List<WriteBackQueued>();
        var kinds = new List<string>();
        if (o.Communications)
        {
            kinds.Add(WriteBackKind.Communication);
            found.Add(await queue.CommunicationsAsync((await SinceAsync(db, CommunicationsSince, true, now, cancellationToken))!.Value, cancellationToken));
        }

        if (o.Tasks)
        {
            kinds.Add(WriteBackKind.Task);
            var since = (await SinceAsync(db, TasksSince, true, now, cancellationToken))!.Value;
            found.Add(await queue.HandOffsAsync(since, cancellationToken));
        }

        // Refused under another configuration (an Organization set since, a location's fhir_id fixed): try again, built the new way.
        var configuration = Configuration();
        var again = await db.FhirWriteBacks.Where(w => w.Status == WriteBackStatus.Failed && kinds.Contains(w.Kind) && (w.RefusedUnder == null || w.RefusedUnder != configuration))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WriteBackStatus.Pending), cancellationToken);
        if (again > 0)
        {
            LogRetryingRefused(logger, again);
        }

        var pending = await db.FhirWriteBacks.Where(w => w.Status == WriteBackStatus.Pending && kinds.Contains(w.Kind))
            .OrderBy(w => w.Id).Take(o.BatchSize).ToListAsync(cancellationToken);
        int written = 0, refused = 0;
        var client = pending.Count > 0 ? fhir.Open() : null;
        foreach (var record in pending)
        {
            var resource = await ResourceAsync(db, record, cancellationToken);
            record.Attempts++;
            try
            {
                var stored = await WriteAsync(client!, record, resource, cancellationToken);
                (record.Status, record.ResourceId, record.WrittenAt, record.Outcome) =
                    (WriteBackStatus.Written, stored?.Id is { } id ? $"{resource.TypeName}/{id}" : null, clock.GetUtcNow(), null);
                written++;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && FhirErrors.IsExpected(e))
            {
                record.Outcome = FhirErrors.Describe(e);
                if (e is not FhirOperationException { Status: var code } || (int)code is not (400 or 409 or 410 or 412 or 422))
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                    var waiting = await WaitingAsync(db, kinds, cancellationToken);
                    status.Failed(Check, $"{record.Outcome}; {waiting} write-backs wait for the next run", clock.GetUtcNow());
                    LogFailed(logger, record.Outcome, written, waiting);
                    throw new FhirUnavailableException($"Writing to the FHIR server failed: {record.Outcome}. Nothing was lost; {waiting} write-backs are tried again at the next run.", e);
                }

                (record.Status, record.RefusedUnder) = (WriteBackStatus.Failed, configuration);
                refused++;
                LogRefused(logger, record.Id, record.Kind, record.Outcome);
            }

            // Recorded even when the worker is stopping: the resource is on the server, and the row must say so.
            await db.SaveChangesAsync(CancellationToken.None);
        }

        var left = await WaitingAsync(db, kinds, cancellationToken);
        var failed = await db.FhirWriteBacks.CountAsync(w => w.Status == WriteBackStatus.Failed, cancellationToken);
        if (failed > 0)
        {
            status.Failed(Check, $"{failed} write-backs were refused by the server and are kept as failed in fhir_write_backs (see their outcome); they are tried again once the write-back configuration changes; {left} waiting", clock.GetUtcNow());
        }
        else
        {
            status.Succeeded(Check, $"{written} written in the last run, {left} waiting", clock.GetUtcNow());
        }

        var run = new WriteBackRun(found.Sum(f => f.Pending), found.Sum(f => f.Skipped), written, refused, left);
        if (run.Queued + run.Written + run.Refused > 0)
        {
            LogRun(logger, run.Written, run.Refused, run.Queued, run.Skipped, run.Waiting);
        }

        return run;
    }

    private async Task<Resource?> WriteAsync(FhirClient client, WriteBackRecord record, Resource resource, CancellationToken cancellationToken)
    {
        var condition = WriteBackMapper.Condition(record.Identifier, options.Value);
        if (options.Value.SearchBeforeCreate && (await client.SearchAsync(condition, resource.TypeName, cancellationToken))?.Entry.FirstOrDefault()?.Resource is { } existing)
        {
            return existing;
        }

        return await client.ConditionalCreateAsync(resource, condition, cancellationToken);
    }

    /// <summary>The resource a row stands for, built from the database as it is now (nothing of any message's content is read).</summary>
    private async Task<Resource> ResourceAsync(NurtureDbContext db, WriteBackRecord record, CancellationToken cancellationToken)
    {
        var location = record.LocationId is null ? null : locations.Group.Find(record.LocationId);
        if (record.Kind == WriteBackKind.Task)
        {
            if (location?.FhirId is null)
            {
                LogNoOwner(logger, record.Id, record.LocationId ?? "(none)");
            }

            return WriteBackMapper.ToTask(new HandOffTask(record.Identifier, record.Reason!, record.Patient!, location?.FhirId, record.HappenedAt), options.Value);
        }

        var touch = await db.Touches.AsNoTracking().Where(t => t.Id == record.TouchId)
            .Select(t => new { t.Channel, t.SentAt, t.ProviderMessageId, t.StepId, t.EnrollmentId }).SingleAsync(cancellationToken);
        var origin = await db.Enrollments.AsNoTracking().Where(e => e.Id == touch.EnrollmentId)
            .Join(db.Leads, e => e.LeadId, l => l.Id, (e, l) => new { e.SequenceId, l.ExternalId, l.SourceReference }).SingleAsync(cancellationToken);
        var serviceRequest = origin.SourceReference == record.Patient && origin.ExternalId.StartsWith(ServiceRequestLead, StringComparison.Ordinal)
            ? origin.ExternalId[ServiceRequestLead.Length..]
            : null;
        return WriteBackMapper.ToCommunication(new SentMessage(record.Identifier, touch.Channel ?? Channel.Email, touch.SentAt ?? record.HappenedAt, touch.ProviderMessageId,
            origin.SequenceId, touch.StepId, record.Patient!, serviceRequest), options.Value);
    }

    /// <summary>
    /// What a written resource depends on besides the database: the server, the Organization, the identifier systems, and
    /// each location's fhir_id — as a short hash. A row refused under one configuration is tried again under another.
    /// </summary>
    internal string Configuration()
    {
        var o = options.Value;
        var text = string.Join('\n', [fhir.Options.BaseUrl, o.Organization?.Trim(), o.IdentifierSystem, o.EmailIdentifierSystem, o.SmsIdentifierSystem,
            o.SearchBeforeCreate.ToString(), .. locations.Group.Locations.Select(l => $"{l.Id}={l.FhirId}").Order(StringComparer.Ordinal)]);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static Task<int> WaitingAsync(NurtureDbContext db, List<string> kinds, CancellationToken cancellationToken) =>
        db.FhirWriteBacks.CountAsync(w => w.Status == WriteBackStatus.Pending && kinds.Contains(w.Kind), CancellationToken.None);

    /// <summary>When a kind of write-back was switched on: recorded the first time it is seen on, forgotten when it is seen off.</summary>
    private static async Task<DateTimeOffset?> SinceAsync(NurtureDbContext db, string name, bool on, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mark = await db.FhirWatermarks.SingleOrDefaultAsync(w => w.Name == name, cancellationToken);
        if (on && mark is null)
        {
            mark = new FhirWatermark { Name = name, Value = now, UpdatedAt = now };
            db.FhirWatermarks.Add(mark);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (!on && mark is not null)
        {
            db.FhirWatermarks.Remove(mark);
            await db.SaveChangesAsync(cancellationToken);
        }

        return on ? mark!.Value : null;
    }

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "FHIR write-back: {Written} written, {Refused} refused, {Queued} new, {Skipped} with nothing to write, {Waiting} waiting")]
    private static partial void LogRun(ILogger logger, int written, int refused, int queued, int skipped, int waiting);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Error, Message = "FHIR write-back failed: {Reason}; {Written} written before it, {Waiting} wait for the next run (nothing is lost or written twice)")]
    private static partial void LogFailed(ILogger logger, string reason, int written, int waiting);

    [LoggerMessage(EventId = 5014, Level = LogLevel.Information, Message = "FHIR write-back: {Count} write-backs the server refused are tried again, because the write-back configuration changed since")]
    private static partial void LogRetryingRefused(ILogger logger, int count);

    [LoggerMessage(EventId = 5015, Level = LogLevel.Error, Message = "FHIR write-back {RecordId} ({Kind}) refused by the server: {Reason}; kept as failed in fhir_write_backs, tried again once the configuration changes")]
    private static partial void LogRefused(ILogger logger, long recordId, string kind, string reason);

    [LoggerMessage(EventId = 5016, Level = LogLevel.Warning, Message = "Hand-off Task {RecordId} has no location: location {LocationId} has no fhir_id in its location.yaml")]
    private static partial void LogNoOwner(ILogger logger, long recordId, string locationId);
}
