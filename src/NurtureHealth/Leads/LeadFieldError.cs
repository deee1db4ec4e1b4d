namespace NurtureHealth.Leads;

/// <summary>
/// What is wrong with one field of a lead record. <see cref="Code"/> is stable (for counting and
/// filtering); <see cref="Message"/> is for people and never quotes a patient's name, email, phone,
/// postal code, position or interest.
/// </summary>
/// <param name="Field">The field's name in the lead record format (<c>consent.sms_text</c>), or <c>record</c> for the whole record.</param>
/// <param name="Code">A reason code such as <c>invalid-email</c>.</param>
/// <param name="Message">A sentence saying what is wrong and, where it helps, how to fix it.</param>
public sealed record LeadFieldError(string Field, string Code, string Message);

/// <summary>A lead file that cannot be read at all (missing, unreadable, not a lead format).</summary>
public sealed class LeadFileException(string message, Exception? inner = null) : Exception(message, inner);

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
