using System.Collections.Concurrent;
using NurtureHealth.Locations;

namespace NurtureHealth.Leads;

/// <summary>
/// The reading stage of an import (<see cref="LeadImporter"/>): records parsed, validated, normalised and placed, one
/// batch at a time, on their own thread while the writer stores the batch before. A record that fails anything becomes
/// a rejection naming its field; a file that breaks part-way ends the reading after what was read is handed on.
/// </summary>
internal static class ImportReading
{
    internal sealed record Rejected(ParsedRecord Record, string? LeadId, IReadOnlyList<LeadFieldError> Errors);

    internal sealed record CheckedBatch(List<ParsedRecord> Records, List<(ValidLead Lead, Resolution Resolution)> Accepted, List<Rejected> Rejected, bool Last);

    /// <summary>The reading stage: parse, validate, normalise and place, one batch at a time.</summary>
    public static void Read(IEnumerable<ParsedRecord> records, LeadValidator validator, LocationResolver resolver,
        BlockingCollection<CheckedBatch> output, string sourceName, CancellationToken cancellationToken)
    {
        var linesById = new Dictionary<string, int>(StringComparer.Ordinal);
        var read = 0;
        try
        {
            using var enumerator = records.GetEnumerator();
            var more = true;
            while (more)
            {
                var batch = new List<ParsedRecord>(LeadImporter.BatchSize);
                try
                {
                    while (batch.Count < LeadImporter.BatchSize && (more = MoveNext(enumerator, sourceName, read)))
                    {
                        batch.Add(enumerator.Current);
                        read++;
                    }
                }
                catch (LeadFileException)
                {
                    // Store what was read before the file broke, and finish the import: nothing more will come from this source.
                    output.Add(Check(batch, validator, resolver, linesById, last: true), cancellationToken);
                    throw;
                }

                output.Add(Check(batch, validator, resolver, linesById, last: !more), cancellationToken);
            }
        }
        finally
        {
            output.CompleteAdding();
        }
    }

    private static bool MoveNext(IEnumerator<ParsedRecord> enumerator, string sourceName, int read)
    {
        try
        {
            return enumerator.MoveNext();
        }
        catch (IOException e)
        {
            // The file went away or broke part-way: what was read is stored, and the error says so.
            throw new LeadFileException($"{sourceName}: reading stopped after {read} records: {e.Message}", e);
        }
        catch (Exception e) when (e is not (LeadFileException or OperationCanceledException))
        {
            // A reader that cannot find where the next record starts cannot reject one record and go on: the file stops here.
            throw new LeadFileException($"{sourceName}: reading stopped after {read} records: the reader failed ({e.GetType().Name}); the records before are kept", e);
        }
    }

    private static CheckedBatch Check(List<ParsedRecord> batch, LeadValidator validator, LocationResolver resolver, Dictionary<string, int> linesById, bool last)
    {
        var accepted = new List<(ValidLead, Resolution)>(batch.Count);
        var rejected = new List<Rejected>();
        foreach (var record in batch)
        {
            if (record.Error is not null)
            {
                // A record whose source named its lead (a FHIR ServiceRequest without its Patient) is rejected under that id.
                rejected.Add(new Rejected(record, record.Draft?["id"]?.Trim(), [record.Error]));
                continue;
            }

            ValidLead? lead;
            IReadOnlyList<LeadFieldError> errors;
            Resolution? resolution = null;
            try
            {
                lead = validator.Validate(record.Draft!, record.Line, out errors);
                resolution = lead is null ? null : resolver.Resolve(lead.ToPlacement());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever one record does to the validator, it is that record's rejection, never the batch's end.
                rejected.Add(new Rejected(record, null, [new LeadFieldError("record", "unreadable-record",
                    $"the record could not be checked ({e.GetType().Name}); it is kept as it arrived")]));
                continue;
            }

            if (lead is null)
            {
                rejected.Add(new Rejected(record, record.Draft!["id"]?.Trim(), errors));
            }
            else if (!linesById.TryAdd(lead.Id, lead.Line))
            {
                rejected.Add(new Rejected(record, lead.Id, [new LeadFieldError("id", "duplicate-id",
                    $"lead id '{LeadValidator.Quote(lead.Id)}' already appears at line {linesById[lead.Id]} of this file")]));
            }
            else
            {
                accepted.Add((lead, resolution!));
            }
        }

        return new CheckedBatch(batch, accepted, rejected, last);
    }
}
