using System.Data.Common;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>
/// Prepared statements for dispatch's hot path, on one open connection: mark a touch Sending, record a send's outcome,
/// write its enrollment's counters and the plan it waits for, read an enrollment as it is now. Each outcome is
/// committed on its own (in small groups), and compiling EF Core's statements afresh for every group would cost several
/// times the writes themselves; EF Core still owns the schema, and the rare writes (suppressions, events) go through it in the same transaction.
/// </summary>
/// <remarks>Only the columns dispatch decides are written, so a delivery report recorded meanwhile is never overwritten.</remarks>
internal sealed class TouchRows(DbConnection connection) : IDisposable
{
    private static readonly string[] Recorded =
    [
        "status", "attempts", "due_at", "sending_at", "sent_at", "outcome", "provider_message_id", "subject", "template_path", "template_hash",
        "layout_path", "layout_hash", "content_commit", "sms_encoding", "sms_segments", "variant",
    ];

    private static readonly string[] EnrollmentColumns = ["status", "ended_at", "end_reason", "touches_sent", "unengaged_touches", "last_engaged_at"];

    private static readonly string[] PlanColumns = ["plan_pending", "plan_after_step", "plan_after_index", "plan_from", "plan_after_touch"];

    private readonly Dictionary<string, DbCommand> _commands = [];

    /// <summary>Claimed → Sending for a touch this node holds; false when an exit cancelled it meanwhile.</summary>
    public async Task<bool> MarkSendingAsync(DbTransaction transaction, long touchId, string node, DateTimeOffset now, DateTimeOffset until) =>
        await Run(transaction, "mark",
            "UPDATE touches SET status = 'sending', sending_at = @p0, lease_until = @p1 WHERE id = @p2 AND status = 'claimed' AND lease_owner = @p3",
            Instant(now), Instant(until), touchId, node).ExecuteNonQueryAsync() == 1;

    /// <summary>Writes what a send decided about its touch, and lets go of its lease.</summary>
    public Task RecordAsync(DbTransaction transaction, Touch t) =>
        Run(transaction, "record",
            $"UPDATE touches SET {Assignments(Recorded)}, lease_owner = NULL, lease_until = NULL WHERE id = @p{Recorded.Length}",
            StoredName.Of(t.Status), t.Attempts, Instant(t.DueAt), Instant(t.SendingAt), Instant(t.SentAt), t.Outcome, t.ProviderMessageId, t.Subject, t.TemplatePath,
            t.TemplateHash, t.LayoutPath, t.LayoutHash, t.ContentCommit, t.SmsEncoding, t.SmsSegments, t.Variant, t.Id).ExecuteNonQueryAsync();

    /// <summary>Writes an enrollment's counters and the plan it waits for (its state is another writer's: it was read afresh, and is left alone).</summary>
    public Task UpdateAsync(DbTransaction transaction, Enrollment e) =>
        Run(transaction, "enrollment", $"UPDATE enrollments SET {Assignments([.. EnrollmentColumns[3..], .. PlanColumns])} WHERE id = @p{3 + PlanColumns.Length}",
            e.TouchesSent, e.UnengagedTouches, Instant(e.LastEngagedAt), e.PlanPending, e.PlanAfterStep, e.PlanAfterIndex, Instant(e.PlanFrom), e.PlanAfterTouch, e.Id)
            .ExecuteNonQueryAsync();

    /// <summary>Reads an enrollment's state and counters as they are now into <paramref name="e"/>.</summary>
    public async Task RefreshAsync(Enrollment e)
    {
        await using var reader = await Run(null, "read", $"SELECT {string.Join(", ", EnrollmentColumns)} FROM enrollments WHERE id = @p0", e.Id).ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            e.Status = StoredName.Parse<EnrollmentStatus>(reader.GetString(0));
            e.EndedAt = StoredInstant.Read(reader, 1);
            e.EndReason = reader.IsDBNull(2) ? null : reader.GetString(2);
            e.TouchesSent = reader.GetInt32(3);
            e.UnengagedTouches = reader.GetInt32(4);
            e.LastEngagedAt = StoredInstant.Read(reader, 5);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }

    private object? Instant(DateTimeOffset? value) => StoredInstant.ToDb(connection, value);

    private static string Assignments(string[] columns) => string.Join(", ", columns.Select((c, i) => $"{c} = @p{i}"));

    private DbCommand Run(DbTransaction? transaction, string name, string sql, params object?[] values)
    {
        if (!_commands.TryGetValue(name, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var i in Enumerable.Range(0, values.Length))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                command.Parameters.Add(parameter);
            }

            if (connection is Microsoft.Data.Sqlite.SqliteConnection)
            {
                command.Prepare(); // Npgsql prepares what it sees repeatedly by itself (Max Auto Prepare)
            }

            _commands[name] = command;
        }

        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }
}
