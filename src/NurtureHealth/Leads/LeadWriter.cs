using System.Data;
using System.Data.Common;
using NurtureHealth.Locations;
using NurtureHealth.Storage;

namespace NurtureHealth.Leads;

/// <summary>
/// Writes intake's rows with prepared statements on the context's connection, one transaction per
/// batch. EF Core owns the schema (migrations) and the reads; this hot path skips change tracking,
/// which costs several times the insert itself at 100,000 leads.
/// </summary>
internal sealed class LeadWriter : IDisposable
{
    private const int MaxInList = 500;

    private static readonly string[] LeadColumns =
    [
        "external_id", "import_id", "line", "contact_id", "submitted_at", "source", "service_line", "interest", "first_name",
        "last_name", "email", "phone", "postal_code", "lat", "lon", "language", "preferred_location", "consent_email",
        "consent_sms", "consent_sms_text", "consent_at", "status", "location_id", "provider_id", "distance_km",
        "unresolved_reason", "resolution_note", "imported_at", "source_reference",
    ];

    private static readonly string[] ContactColumns =
    [
        "email", "phone", "first_name", "last_name", "language", "email_consent", "sms_consent", "sms_consent_text",
        "sms_consent_at", "sms_consent_lead_id", "last_lead_at", "created_at", "updated_at", "merged_into_id",
    ];

    private static readonly string[] RejectionColumns =
        ["import_id", "line", "external_id", "field", "code", "message", "raw", "rejected_at"];

    private readonly DbConnection _connection;
    private DbTransaction? _transaction;
    private DbCommand? _insertLead;
    private DbCommand? _insertContact;
    private DbCommand? _updateContact;
    private DbCommand? _insertRejection;

    public LeadWriter(DbConnection connection)
    {
        _connection = connection;
        if (_connection.State != ConnectionState.Open)
        {
            _connection.Open();
        }
    }

    public void Begin()
    {
        _transaction = _connection.BeginTransaction();
        foreach (var command in Prepared())
        {
            command.Transaction = _transaction;
        }
    }

    public void Commit()
    {
        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = null;
    }

    public void Rollback()
    {
        _transaction?.Rollback();
        _transaction?.Dispose();
        _transaction = null;
    }

    public long CreateImport(string sourceName, LeadFileFormat format, DateTimeOffset startedAt)
    {
        using var command = Command(
            "INSERT INTO imports (source_name, format, started_at, records, accepted, new_contacts, merged, rejected) " +
            "VALUES (@p0, @p1, @p2, 0, 0, 0, 0, 0) RETURNING id",
            sourceName, format.ToString().ToLowerInvariant(), Instant(startedAt));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void UpdateImport(long importId, int records, int accepted, int newContacts, int merged, int rejected, DateTimeOffset? finishedAt)
    {
        using var command = Command(
            "UPDATE imports SET records = @p0, accepted = @p1, new_contacts = @p2, merged = @p3, rejected = @p4, finished_at = @p5 WHERE id = @p6",
            records, accepted, newContacts, merged, rejected, Instant(finishedAt), importId);
        command.ExecuteNonQuery();
    }

    public HashSet<string> ExistingLeadIds(IReadOnlyList<string> ids)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(MaxInList))
        {
            using var command = Command($"SELECT external_id FROM leads WHERE external_id IN ({Placeholders(0, chunk.Length)})", chunk);
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
                using var command = Command($"SELECT {SelectContact} FROM contacts WHERE {column} IN ({Placeholders(0, chunk.Length)})", chunk);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    results.Add(ReadContact(reader));
                }
            }
        }

        return results;
    }

    public (ContactState Contact, long? MergedInto)? FindContact(long id)
    {
        using var command = Command($"SELECT {SelectContact} FROM contacts WHERE id = @p0", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadContact(reader) : null;
    }

    public void InsertContact(ContactState c, DateTimeOffset now)
    {
        _insertContact ??= Prepare($"INSERT INTO contacts ({string.Join(", ", ContactColumns)}) VALUES ({Placeholders(0, ContactColumns.Length)}) RETURNING id", ContactColumns.Length);
        SetContactValues(_insertContact, c, now, mergedInto: null);
        c.Id = Convert.ToInt64(_insertContact.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void UpdateContact(ContactState c, DateTimeOffset now)
    {
        _updateContact ??= Prepare(
            $"UPDATE contacts SET {string.Join(", ", ContactColumns.Select((col, i) => $"{col} = @p{i}"))} WHERE id = @p{ContactColumns.Length}",
            ContactColumns.Length + 1);
        SetContactValues(_updateContact, c, now, c.MergedInto?.Root.Id);
        _updateContact.Parameters[ContactColumns.Length].Value = c.Id;
        _updateContact.ExecuteNonQuery();
    }

    /// <summary>Rewrites a contact merged into another and moves its leads to the surviving contact.</summary>
    public void WriteMerged(ContactState merged, DateTimeOffset now)
    {
        UpdateContact(merged, now);
        using var move = Command("UPDATE leads SET contact_id = @p0 WHERE contact_id = @p1", merged.Root.Id, merged.Id);
        move.ExecuteNonQuery();
    }

    public void InsertLead(long importId, ValidLead lead, long contactId, Resolution resolution, DateTimeOffset now)
    {
        _insertLead ??= Prepare($"INSERT INTO leads ({string.Join(", ", LeadColumns)}) VALUES ({Placeholders(0, LeadColumns.Length)})", LeadColumns.Length);
        var p = _insertLead.Parameters;
        var i = 0;
        p[i++].Value = lead.Id;
        p[i++].Value = importId;
        p[i++].Value = lead.Line;
        p[i++].Value = contactId;
        p[i++].Value = Instant(lead.SubmittedAt);
        p[i++].Value = lead.Source;
        p[i++].Value = lead.ServiceLine;
        p[i++].Value = Db(lead.Interest);
        p[i++].Value = lead.FirstName;
        p[i++].Value = Db(lead.LastName);
        p[i++].Value = Db(lead.Email);
        p[i++].Value = Db(lead.Phone);
        p[i++].Value = Db(lead.PostalCode);
        p[i++].Value = lead.Position is { } at ? at.Lat : DBNull.Value;
        p[i++].Value = lead.Position is { } on ? on.Lon : DBNull.Value;
        p[i++].Value = lead.Language;
        p[i++].Value = Db(lead.PreferredLocation);
        p[i++].Value = lead.Consent.Email is { } e ? e : DBNull.Value;
        p[i++].Value = lead.Consent.Sms;
        p[i++].Value = Db(lead.Consent.SmsText);
        p[i++].Value = Instant(lead.Consent.At);
        p[i++].Value = resolution.Status == ResolutionStatus.Resolved ? "resolved" : "unresolved";
        p[i++].Value = Db(resolution.Location?.Id);
        p[i++].Value = Db(resolution.Provider?.Id);
        p[i++].Value = resolution.DistanceKm is { } km ? km : DBNull.Value;
        p[i++].Value = Db(resolution.ReasonCode);
        p[i++].Value = Db(resolution.Reason);
        p[i++].Value = Instant(now);
        p[i].Value = Db(lead.SourceReference);
        _insertLead.ExecuteNonQuery();
    }

    public void InsertRejection(long importId, int line, string? externalId, LeadFieldError error, string message, byte[] raw, DateTimeOffset now)
    {
        _insertRejection ??= Prepare($"INSERT INTO rejected_leads ({string.Join(", ", RejectionColumns)}) VALUES ({Placeholders(0, RejectionColumns.Length)})", RejectionColumns.Length);
        var p = _insertRejection.Parameters;
        p[0].Value = importId;
        p[1].Value = line;
        p[2].Value = Db(externalId);
        p[3].Value = error.Field;
        p[4].Value = error.Code;
        p[5].Value = message;
        p[6].Value = raw;
        p[7].Value = Instant(now);
        _insertRejection.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in Prepared())
        {
            command.Dispose();
        }

        _transaction?.Dispose();
    }

    private static string SelectContact => "id, " + string.Join(", ", ContactColumns);

    private static (ContactState, long?) ReadContact(DbDataReader r)
    {
        var c = new ContactState
        {
            Id = r.GetInt64(0),
            Email = r.IsDBNull(1) ? null : r.GetString(1),
            Phone = r.IsDBNull(2) ? null : r.GetString(2),
            FirstName = r.GetString(3),
            LastName = r.IsDBNull(4) ? null : r.GetString(4),
            Language = r.GetString(5),
            EmailConsent = r.IsDBNull(6) ? null : r.GetBoolean(6),
            SmsConsent = r.GetBoolean(7),
            SmsConsentText = r.IsDBNull(8) ? null : r.GetString(8),
            SmsConsentAt = r.IsDBNull(9) ? null : SqliteInstant.FromDb(r.GetInt64(9)),
            SmsConsentLeadId = r.IsDBNull(10) ? null : r.GetString(10),
            LastLeadAt = SqliteInstant.FromDb(r.GetInt64(11)),
            CreatedAt = SqliteInstant.FromDb(r.GetInt64(12)),
        };
        return (c, r.IsDBNull(14) ? null : r.GetInt64(14));
    }

    private static void SetContactValues(DbCommand command, ContactState c, DateTimeOffset now, long? mergedInto)
    {
        var p = command.Parameters;
        p[0].Value = Db(c.Email);
        p[1].Value = Db(c.Phone);
        p[2].Value = c.FirstName;
        p[3].Value = Db(c.LastName);
        p[4].Value = c.Language;
        p[5].Value = c.EmailConsent is { } e ? e : DBNull.Value;
        p[6].Value = c.SmsConsent;
        p[7].Value = Db(c.SmsConsentText);
        p[8].Value = Instant(c.SmsConsentAt);
        p[9].Value = Db(c.SmsConsentLeadId);
        p[10].Value = Instant(c.LastLeadAt);
        p[11].Value = Instant(c.CreatedAt);
        p[12].Value = Instant(now);
        p[13].Value = mergedInto is { } m ? m : DBNull.Value;
    }

    private static object Db(string? value) => value is null ? DBNull.Value : value;

    private static object Instant(DateTimeOffset? value) => value is { } v ? SqliteInstant.ToDb(v) : DBNull.Value;

    private static string Placeholders(int first, int count) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => $"@p{i}"));

    private DbCommand Command(string sql, params object?[] values)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private DbCommand Prepare(string sql, int parameterCount)
    {
        var command = Command(sql, new object?[parameterCount]);
        command.Prepare();
        return command;
    }

    private IEnumerable<DbCommand> Prepared() =>
        new[] { _insertLead, _insertContact, _updateContact, _insertRejection }.OfType<DbCommand>();
}
