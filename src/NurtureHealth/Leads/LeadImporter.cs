using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NurtureHealth.Locations;
using NurtureHealth.Storage;

namespace NurtureHealth.Leads;

/// <summary>
/// Intake: reads lead records, validates and normalises each, places it at a location, matches it to a
/// contact, and stores it — or stores it as rejected with the field and reason. A bad record never
/// stops the batch and is never dropped. Work is committed in batches, so an interrupted import keeps
/// what it finished and a re-import skips lead ids already stored.
/// </summary>
/// <remarks>
/// Two stages overlap: one thread reads, validates and places the next batch while this one matches
/// contacts and writes the current batch. Order is kept: one reader, one writer, first in first out.
/// </remarks>
public sealed partial class LeadImporter(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog catalog,
    TimeProvider clock,
    ILogger<LeadImporter> logger,
    Touches.IWorkArrived? arrived = null,
    Microsoft.Extensions.Options.IOptions<FhirLeadOptions>? fhir = null,
    Telemetry.NurtureMetrics? metrics = null)
{
    /// <summary>Records validated and written per transaction.</summary>
    public const int BatchSize = 5_000;

    /// <summary>Imports one NDJSON, CSV or FHIR file. Throws <see cref="LeadFileException"/> only when the file itself cannot be read.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Stops the import between batches.</param>
    /// <param name="resume">An import of this same file that failed part-way (<see cref="ImportFailedException.ImportId"/>): the records it
    /// stored are skipped and its counts carried on, so a retry writes no row twice.</param>
    public ImportReport ImportFile(string path, CancellationToken cancellationToken = default, long? resume = null)
    {
        var (format, records) = LeadFileReader.Open(path, fhir?.Value);
        return Import(Path.GetFileName(path), format, records, cancellationToken, resume);
    }

    /// <summary>Imports records from any source; <paramref name="sourceName"/> names it in reports.</summary>
    /// <exception cref="LeadFileException">The source cannot be read (what was read before is stored).</exception>
    /// <exception cref="ImportFailedException">Storing failed part-way: the batches before are stored under its import id.</exception>
    public ImportReport Import(string sourceName, LeadFileFormat format, IEnumerable<ParsedRecord> records, CancellationToken cancellationToken = default, long? resume = null)
    {
        var resolver = catalog.Resolver;
        var validator = new LeadValidator(catalog.Group, clock);
        using var db = databases.CreateDbContext();
        db.Database.OpenConnection(); // through EF Core, so the connection gets its pragmas (SqliteTuning)
        using var writer = new LeadWriter(db.Database.GetDbConnection());
        var state = resume is { } earlier && ImportState.Resume(db, earlier, sourceName, format) is { } resumed
            ? resumed
            : new ImportState(writer.CreateImport(sourceName, format, clock.GetUtcNow()), sourceName, format);
        records = records.Skip(state.Records); // stored by the failed attempt, in the same order
        LogImportStarted(logger, state.ImportId, sourceName);
        using var span = Telemetry.NurtureMetrics.Activities.StartActivity("import");
        span?.SetTag("nurture.import.id", state.ImportId);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var batches = new BlockingCollection<ImportReading.CheckedBatch>(boundedCapacity: 2);
        var reading = Task.Factory.StartNew(() => ImportReading.Read(records, validator, resolver, batches, state.SourceName, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var batch in batches.GetConsumingEnumerable(stop.Token))
            {
                Store(batch, writer, state);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stop.Cancel();
            WaitQuietly(reading);
            throw new ImportFailedException(state.ImportId, state.Records, e);
        }
        catch
        {
            stop.Cancel();
            throw;
        }
        finally
        {
            WaitQuietly(reading);
            if (state.Accepted > 0)
            {
                arrived?.Arrived(); // leads arrived, whichever path brought them: the worker enrolls and greets them now
            }
        }

        reading.GetAwaiter().GetResult(); // surfaces a reading failure (LeadFileException) after what was read is stored
        LogImportFinished(logger, state.ImportId, state.Records, state.Accepted, state.Merged, state.Rejections.Count);
        return state.ToReport();
    }

    /// <summary>The writing stage: match contacts and store leads and rejections in one transaction.</summary>
    private void Store(ImportReading.CheckedBatch batch, LeadWriter writer, ImportState state)
    {
        var book = new ContactBook();
        var accepted = batch.Accepted;
        var rejected = batch.Rejected;
        var now = clock.GetUtcNow();
        writer.Begin();
        try
        {
            var stored = writer.ExistingLeadIds(accepted.Select(a => a.Lead.Id).ToList());
            if (stored.Count > 0)
            {
                foreach (var (lead, _) in accepted.Where(a => stored.Contains(a.Lead.Id)))
                {
                    rejected.Add(new ImportReading.Rejected(batch.Records.First(r => r.Line == lead.Line), lead.Id, [new LeadFieldError("id", "duplicate-id",
                        $"lead id '{LeadValidator.Quote(lead.Id)}' was already imported; the stored lead is kept")]));
                }

                accepted = accepted.Where(a => !stored.Contains(a.Lead.Id)).ToList();
            }

            book.Prefetch(writer, accepted.Select(a => a.Lead.Email).OfType<string>(), accepted.Select(a => a.Lead.Phone).OfType<string>());
            var contacts = accepted.Select(a => book.Attach(a.Lead, now)).ToList();
            foreach (var merged in book.MergedExisting)
            {
                writer.WriteMerged(merged, now);
            }

            foreach (var created in book.Created)
            {
                writer.InsertContact(created, now);
            }

            foreach (var contact in book.Updated)
            {
                writer.UpdateContact(contact, now);
            }

            for (var i = 0; i < accepted.Count; i++)
            {
                var (lead, resolution) = accepted[i];
                writer.InsertLead(state.ImportId, lead, contacts[i].Root.Id, resolution, now);
                state.Count(resolution);
            }

            foreach (var (record, leadId, errors) in rejected.OrderBy(r => r.Record.Line))
            {
                var message = string.Join("; ", errors.Select(e => e.Message));
                writer.InsertRejection(state.ImportId, record.Line, leadId, errors[0], message, record.Raw, now);
                state.Rejections.Add(new RejectionSummary(record.Line, leadId, errors[0].Field, errors[0].Code, message));
                LogRecordRejected(logger, state.ImportId, record.Line, leadId, errors[0].Field, errors[0].Code);
            }

            // Each new contact is one person's first lead; every other lead joined a person already known.
            state.Records += batch.Records.Count;
            state.Accepted += accepted.Count;
            state.NewContacts += book.Created.Count;
            state.Merged += accepted.Count - book.Created.Count;
            writer.UpdateImport(state.ImportId, state.Records, state.Accepted, state.NewContacts, state.Merged, state.Rejections.Count,
                batch.Last ? now : null);
            writer.Commit();
            metrics?.Leads(accepted.Count, rejected.Select(r => r.Errors[0].Code));
        }
        catch
        {
            writer.Rollback();
            throw;
        }
    }

    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException)
        {
            // Observed by the caller: a reading failure is rethrown below, a cancellation was caused by the writer's own failure.
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Import {ImportId} of {Source} started")]
    private static partial void LogImportStarted(ILogger logger, long importId, string source);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Information,
        Message = "Import {ImportId} finished: {Records} records, {Accepted} accepted ({Merged} merged into known contacts), {Rejected} rejected")]
    private static partial void LogImportFinished(ILogger logger, long importId, int records, int accepted, int merged, int rejected);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Debug, Message = "Import {ImportId} rejected the record at line {Line} (lead {LeadId}): field {Field}, reason {Reason}")]
    private static partial void LogRecordRejected(ILogger logger, long importId, int line, string? leadId, string field, string reason);
}
