using System.Data.Common;
using NurtureHealth.Locations;

namespace NurtureHealth.Leads;

/// <summary>
/// Writes intake's rows with prepared statements on the context's connection, one transaction per
/// batch. EF Core owns the schema (migrations) and the reads; this hot path skips change tracking,
/// which costs several times the insert itself at 100,000 leads.
/// </summary>
internal sealed class LeadWriter : IDisposable
{
    private const int MaxInList = 500;

    private static readonly string[] RejectionColumns =
        ["import_id", "line", "external_id", "field", "code", "message", "raw", "rejected_at"];

    private readonly IntakeConnection _db;
    private DbCommand? _insertLead;
    private DbCommand? _insertContact;
    private DbCommand? _updateContact;
    private DbCommand? _insertRejection;

    public LeadWriter(DbConnection connection) => _db = new IntakeConnection(connection);

    public void Begin() => _db.Begin();

    public void Commit() => _db.Commit();

    public void Rollback() => _db.Rollback();

    public long CreateImport(string sourceName, LeadFileFormat format, DateTimeOffset startedAt)
    {
        using var command = _db.Command(
            "INSERT INTO imports (source_name, format, started_at, records, accepted, new_contacts, merged, rejected) " +
            "VALUES (@p0, @p1, @p2, 0, 0, 0, 0, 0) RETURNING id",
            sourceName, format.ToString().ToLowerInvariant(), null);
        command.Parameters[2].Value = DbValue.Instant(command, startedAt);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void UpdateImport(long importId, int records, int accepted, int newContacts, int merged, int rejected, DateTimeOffset? finishedAt)
    {
        using var command = _db.Command(
            "UPDATE imports SET records = @p0, accepted = @p1, new_contacts = @p2, merged = @p3, rejected = @p4, finished_at = @p5 WHERE id = @p6",
            records, accepted, newContacts, merged, rejected, null, importId);
        command.Parameters[5].Value = DbValue.Instant(command, finishedAt);
        command.ExecuteNonQuery();
    }

    public HashSet<string> ExistingLeadIds(IReadOnlyList<string> ids)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(MaxInList))
        {
            using var command = _db.Command($"SELECT external_id FROM leads WHERE external_id IN ({IntakeConnection.Placeholders(0, chunk.Length)})", chunk);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(reader.GetString(0));
            }
        }

        return found;
    }

    public IEnumerable<(ContactState Contact, long? MergedInto)> FindContacts(IReadOnlyList<string> emails, IReadOnlyList<string> phones)
    {
        var results = new List<(ContactState, long?)>();
        foreach (var (column, keys) in new[] { ("email", emails), ("phone", phones) })
        {
            foreach (var chunk in keys.Chunk(MaxInList))
            {
                using var command = _db.Command($"SELECT {ContactRow.Select} FROM contacts WHERE {column} IN ({IntakeConnection.Placeholders(0, chunk.Length)})", chunk);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    results.Add(ContactRow.Read(reader));
                }
            }
        }

        return results;
    }

    public (ContactState Contact, long? MergedInto)? FindContact(long id)
    {
        using var command = _db.Command($"SELECT {ContactRow.Select} FROM contacts WHERE id = @p0", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ContactRow.Read(reader) : null;
    }

    public void InsertContact(ContactState c, DateTimeOffset now)
    {
        var columns = ContactRow.Columns;
        _insertContact ??= _db.Prepare($"INSERT INTO contacts ({string.Join(", ", columns)}) VALUES ({IntakeConnection.Placeholders(0, columns.Length)}) RETURNING id", columns.Length);
        ContactRow.Set(_insertContact, c, now, mergedInto: null);
        c.Id = Convert.ToInt64(_insertContact.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void UpdateContact(ContactState c, DateTimeOffset now)
    {
        var columns = ContactRow.Columns;
        _updateContact ??= _db.Prepare(
            $"UPDATE contacts SET {string.Join(", ", columns.Select((col, i) => $"{col} = @p{i}"))} WHERE id = @p{columns.Length}",
            columns.Length + 1);
        ContactRow.Set(_updateContact, c, now, c.MergedInto?.Root.Id);
        _updateContact.Parameters[columns.Length].Value = c.Id;
        _updateContact.ExecuteNonQuery();
    }

    /// <summary>Rewrites a contact merged into another and moves its leads to the surviving contact.</summary>
    public void WriteMerged(ContactState merged, DateTimeOffset now)
    {
        UpdateContact(merged, now);
        using var move = _db.Command("UPDATE leads SET contact_id = @p0 WHERE contact_id = @p1", merged.Root.Id, merged.Id);
        move.ExecuteNonQuery();
    }

    public void InsertLead(long importId, ValidLead lead, long contactId, Resolution resolution, DateTimeOffset now)
    {
        var columns = LeadRow.Columns;
        _insertLead ??= _db.Prepare($"INSERT INTO leads ({string.Join(", ", columns)}) VALUES ({IntakeConnection.Placeholders(0, columns.Length)})", columns.Length);
        LeadRow.Set(_insertLead, importId, lead, contactId, resolution, now);
        _insertLead.ExecuteNonQuery();
    }

    public void InsertRejection(long importId, int line, string? externalId, LeadFieldError error, string message, byte[] raw, DateTimeOffset now)
    {
        _insertRejection ??= _db.Prepare($"INSERT INTO rejected_leads ({string.Join(", ", RejectionColumns)}) VALUES ({IntakeConnection.Placeholders(0, RejectionColumns.Length)})", RejectionColumns.Length);
        var p = _insertRejection.Parameters;
        p[0].Value = importId;
        p[1].Value = line;
        p[2].Value = DbValue.Of(externalId);
        p[3].Value = error.Field;
        p[4].Value = error.Code;
        p[5].Value = message;
        p[6].Value = raw;
        p[7].Value = DbValue.Instant(_insertRejection, now);
        _insertRejection.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();
}
