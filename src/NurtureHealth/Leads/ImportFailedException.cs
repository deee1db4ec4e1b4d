namespace NurtureHealth.Leads;

/// <summary>
/// Storing an import failed part-way (the database refused a write, most often). The batches before were committed under
/// <see cref="ImportId"/>; passing it back as <c>resume</c> carries on after them without writing any row twice.
/// </summary>
public sealed class ImportFailedException(long importId, int recordsStored, Exception inner)
    : Exception($"import {importId} stopped after {recordsStored} records: {inner.GetType().Name}", inner)
{
    /// <summary>The import whose first batches are stored.</summary>
    public long ImportId { get; } = importId;

    /// <summary>Records handled (stored or rejected) before it stopped.</summary>
    public int RecordsStored { get; } = recordsStored;
}
