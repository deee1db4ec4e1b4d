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
public sealed partial class LeadImporter(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog catalog,
    TimeProvider clock,
    ILogger<LeadImporter> logger)
{
    /// <summary>Records validated and written per transaction.</summary>
    public const int BatchSize = 2_000;

    /// <summary>Imports one NDJSON or CSV file. Throws <see cref="LeadFileException"/> only when the file itself cannot be read.</summary>
    public ImportReport ImportFile(string path, CancellationToken cancellationToken = default)
    {
        var (format, records) = LeadFileReader.Open(path);
        return Import(Path.GetFileName(path), format, records, cancellationToken);
    }

    /// <summary>Imports records from any source; <paramref name="sourceName"/> names it in reports.</summary>
    public ImportReport Import(string sourceName, LeadFileFormat format, IEnumerable<ParsedRecord> records, CancellationToken cancellationToken = default)
    {
        var resolver = catalog.Resolver;
        var validator = new LeadValidator(catalog.Group, clock);
        using var db = databases.CreateDbContext();
        using var writer = new LeadWriter(db.Database.GetDbConnection());
        var importId = writer.CreateImport(sourceName, format, clock.GetUtcNow());
        LogImportStarted(logger, importId, sourceName);

        var state = new ImportState(importId, sourceName, format);
        var book = new ContactBook();
        var batch = new List<ParsedRecord>(BatchSize);
        using var enumerator = records.GetEnumerator();
        var more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            while (batch.Count < BatchSize && (more = MoveNext(enumerator, state)))
            {
                batch.Add(enumerator.Current);
            }

            if (batch.Count > 0 || !more)
            {
                WriteBatch(batch, validator, resolver, book, writer, state, finished: !more);
            }
        }

        LogImportFinished(logger, importId, state.Records, state.Accepted, state.Merged, state.Rejections.Count);
        return state.ToReport();
    }

    private static bool MoveNext(IEnumerator<ParsedRecord> enumerator, ImportState state)
    {
        try
        {
            return enumerator.MoveNext();
        }
        catch (IOException e)
        {
            // The file went away or broke part-way: keep what was read, and say so.
            throw new LeadFileException($"{state.SourceName}: reading stopped after {state.Records} records: {e.Message}", e);
        }
    }

    private void WriteBatch(List<ParsedRecord> batch, LeadValidator validator, LocationResolver resolver, ContactBook book,
        LeadWriter writer, ImportState state, bool finished)
    {
        var accepted = new List<(ValidLead Lead, Resolution Resolution)>(batch.Count);
        var rejected = new List<(ParsedRecord Record, string? LeadId, IReadOnlyList<LeadFieldError> Errors)>();
        foreach (var record in batch)
        {
            state.Records++;
            if (record.Error is not null)
            {
                rejected.Add((record, null, [record.Error]));
                continue;
            }

            var lead = validator.Validate(record.Draft!, record.Line, out var errors);
            if (lead is null)
            {
                rejected.Add((record, record.Draft!["id"]?.Trim(), errors));
            }
            else if (state.LinesById.TryGetValue(lead.Id, out var firstLine))
            {
                rejected.Add((record, lead.Id, [new LeadFieldError("id", "duplicate-id",
                    $"lead id '{LeadValidator.Quote(lead.Id)}' already appears at line {firstLine} of this file")]));
            }
            else
            {
                state.LinesById[lead.Id] = lead.Line;
                accepted.Add((lead, resolver.Resolve(lead.ToPlacement())));
            }
        }

        var now = clock.GetUtcNow();
        writer.Begin();
        try
        {
            var stored = writer.ExistingLeadIds(accepted.Select(a => a.Lead.Id).ToList());
            if (stored.Count > 0)
            {
                foreach (var (lead, _) in accepted.Where(a => stored.Contains(a.Lead.Id)))
                {
                    var record = batch.First(r => r.Line == lead.Line);
                    rejected.Add((record, lead.Id, [new LeadFieldError("id", "duplicate-id",
                        $"lead id '{LeadValidator.Quote(lead.Id)}' was already imported; the stored lead is kept")]));
                }

                accepted.RemoveAll(a => stored.Contains(a.Lead.Id));
            }

            book.Prefetch(writer, accepted.Select(a => a.Lead.Email).OfType<string>(), accepted.Select(a => a.Lead.Phone).OfType<string>());
            var contacts = new List<ContactState>(accepted.Count);
            foreach (var (lead, _) in accepted)
            {
                contacts.Add(book.Attach(lead, now));
            }

            foreach (var merged in book.MergedExisting)
            {
                writer.WriteMerged(merged, now);
            }

            foreach (var created in book.Created)
            {
                writer.InsertContact(created, now);
            }

            // Each new contact is one person's first lead; every other lead joined a person already known.
            state.NewContacts += book.Created.Count;
            state.Merged += accepted.Count - book.Created.Count;
            foreach (var contact in book.Known.Where(c => c.Dirty && c.MergedInto is null && !c.IsNew))
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

            state.Accepted += accepted.Count;
            writer.UpdateImport(state.ImportId, state.Records, state.Accepted, state.NewContacts, state.Merged, state.Rejections.Count,
                finished ? now : null);
            writer.Commit();
            book.Committed();
        }
        catch
        {
            writer.Rollback();
            throw;
        }
    }

    private sealed class ImportState(long importId, string sourceName, LeadFileFormat format)
    {
        public long ImportId { get; } = importId;
        public string SourceName { get; } = sourceName;
        public int Records { get; set; }
        public int Accepted { get; set; }
        public int NewContacts { get; set; }
        public int Merged { get; set; }
        public List<RejectionSummary> Rejections { get; } = [];
        public Dictionary<string, int> LinesById { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> ByLocation { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> ByReason { get; } = new(StringComparer.Ordinal);

        public void Count(Resolution resolution)
        {
            var (map, key) = resolution.Location is { } l ? (ByLocation, l.Id) : (ByReason, resolution.ReasonCode!);
            map[key] = map.GetValueOrDefault(key) + 1;
        }

        public ImportReport ToReport() =>
            new(ImportId, SourceName, format, Records, Accepted, NewContacts, Merged, Rejections, ByLocation, ByReason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} of {Source} started")]
    private static partial void LogImportStarted(ILogger logger, long importId, string source);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Import {ImportId} finished: {Records} records, {Accepted} accepted ({Merged} merged into known contacts), {Rejected} rejected")]
    private static partial void LogImportFinished(ILogger logger, long importId, int records, int accepted, int merged, int rejected);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Import {ImportId} rejected the record at line {Line} (lead {LeadId}): field {Field}, reason {Reason}")]
    private static partial void LogRecordRejected(ILogger logger, long importId, int line, string? leadId, string field, string reason);
}
