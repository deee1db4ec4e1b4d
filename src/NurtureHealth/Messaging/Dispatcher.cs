using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Scheduling;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;

namespace NurtureHealth.Messaging;

/// <summary>What one dispatch run did.</summary>
public sealed class DispatchRun
{
    public int Sent { get; set; }
    public int SentEmail { get; set; }
    public int SentSms { get; set; }
    public int Skipped { get; set; }
    public int Cancelled { get; set; }
    public int Deferred { get; set; }
    public int Retried { get; set; }
    public int Failed { get; set; }

    /// <summary>When the next scheduled touch is due, if any.</summary>
    public DateTimeOffset? NextDueAt { get; set; }
}

/// <summary>
/// Sends due touches, at most once each: claims a batch with a lease, checks each touch (still enrolled,
/// reachable on its channel, inside the send window, within the caps), renders it, marks it Sending in
/// the same transaction that records every other decision, sends, then records the outcome and plans
/// the enrollment's next touch.
/// </summary>
public sealed partial class Dispatcher(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog locations,
    SequenceContent content,
    TouchPlanner planner,
    SendWindowPolicy windows,
    FrequencyCap cap,
    IEmailSender emailSender,
    ISmsSender smsSender,
    Tracking.LinkTokens links,
    TimeProvider clock,
    IOptions<DispatchOptions> options,
    IOptions<ConsentOptions> consent,
    Fhir.SlotFinder slots,
    IOptions<Scoring.ScoringOptions> scoring,
    ILogger<Dispatcher> logger)
{
    private readonly OutgoingMessages _messages = new(content, links);

    /// <summary>This process's name on the leases it takes.</summary>
    public string Node { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Sends every touch that is due now, batch by batch.</summary>
    public async Task<DispatchRun> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var run = new DispatchRun();
        var handled = 0;
        while (!cancellationToken.IsCancellationRequested && handled < options.Value.MaxPerRun)
        {
            var now = clock.GetUtcNow();
            var claimed = await ClaimAsync(now, cancellationToken);
            if (claimed.Count == 0)
            {
                break;
            }

            handled += claimed.Count;
            await ProcessAsync(claimed, now, run, cancellationToken);
        }

        run.NextDueAt = await NextDueAsync(cancellationToken);
        if (run.Sent + run.Skipped + run.Deferred + run.Failed + run.Cancelled > 0)
        {
            LogRun(logger, run.SentEmail, run.SentSms, run.Skipped, run.Deferred, run.Retried, run.Failed, run.Cancelled);
        }

        return run;
    }

    /// <summary>When the earliest scheduled touch is due, or null when none is.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Touches.Where(t => t.Status == TouchStatus.Scheduled).OrderBy(t => t.DueAt)
            .Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<List<long>> ClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText =
            "UPDATE touches SET status = 'claimed', lease_owner = @owner, lease_until = @until " +
            "WHERE id IN (SELECT id FROM touches WHERE status = 'scheduled' AND due_at <= @now ORDER BY due_at, id LIMIT @limit) " +
            "AND status = 'scheduled' RETURNING id";
        Add(command, "@owner", Node);
        Add(command, "@until", SqliteInstant.ToDb(now + options.Value.Lease));
        Add(command, "@now", SqliteInstant.ToDb(now));
        Add(command, "@limit", options.Value.BatchSize);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        ids.Sort();
        return ids;
    }

    private async Task ProcessAsync(List<long> ids, DateTimeOffset now, DispatchRun run, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var batch = await DispatchBatch.LoadAsync(db, ids, now, cancellationToken);
        var group = locations.Group;
        var freeSlots = await FreeSlotsAsync(batch, group, cancellationToken);
        var toSend = new List<(DispatchBatch.Item Item, Rendered Message)>();
        foreach (var item in batch.Items)
        {
            var decision = Decide(item, group, batch, now, freeSlots.GetValueOrDefault(SlotKey(item.Enrollment)));
            switch (decision)
            {
                case Decision.Send send:
                    toSend.Add((item, send.Message));
                    batch.Sending(item, now);
                    break;
                case Decision.Defer defer:
                    (item.Touch.Status, item.Touch.DueAt, item.Touch.LeaseOwner, item.Touch.LeaseUntil, item.Touch.Outcome) =
                        (TouchStatus.Scheduled, defer.Until, null, null, $"deferred: {defer.Why}");
                    run.Deferred++;
                    break;
                case Decision.Cancel cancel:
                    (item.Touch.Status, item.Touch.Outcome) = (TouchStatus.Cancelled, cancel.Why);
                    run.Cancelled++;
                    break;
                case Decision.Skip skip:
                    (item.Touch.Status, item.Touch.Outcome) = (skip.Failed ? TouchStatus.Failed : TouchStatus.Skipped, skip.Why);
                    run.Skipped += skip.Failed ? 0 : 1;
                    run.Failed += skip.Failed ? 1 : 0;
                    PlanNext(db, item, group, batch, skip.From ?? item.Touch.DueAt, now, skip.ContinueAfter);
                    break;
            }
        }

        // One transaction records every decision and moves the touches about to go to Sending.
        List<long> sending;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            sending = await MarkSendingAsync(db, toSend.Select(s => s.Item.Touch.Id).ToList(), now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var results = new (DispatchBatch.Item Item, Rendered Message, SendResult Result)[toSend.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, toSend.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = CancellationToken.None },
            async (i, _) =>
            {
                var (item, message) = toSend[i];
                results[i] = (item, message, sending.Contains(item.Touch.Id) ? await SendAsync(message) : new SendResult(SendStatus.Permanent, null, "cancelled while being claimed"));
            });

        var blocked = new List<(DispatchBatch.Item Item, SendResult Result)>();
        foreach (var (item, message, result) in results)
        {
            Record(db, item, message, result, group, batch, run, sending.Contains(item.Touch.Id));
            if (result.Status is SendStatus.Undeliverable or SendStatus.OptedOut && sending.Contains(item.Touch.Id))
            {
                blocked.Add((item, result));
            }
        }

        foreach (var (item, result) in blocked)
        {
            await BlockAsync(db, item, result, CancellationToken.None);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>Real open slots for the decision-stage touches of a batch, one look-up per location and provider (bounded by a timeout).</summary>
    private async Task<Dictionary<string, IReadOnlyList<DateTimeOffset>>> FreeSlotsAsync(DispatchBatch batch, Locations.ClinicGroup group, CancellationToken cancellationToken)
    {
        var wanted = batch.Items.Where(i => i.Touch.Stage == "decision").Select(i => i.Enrollment).DistinctBy(SlotKey).ToList();
        var found = await Task.WhenAll(wanted.Select(async e =>
        {
            var location = group.Find(e.LocationId);
            var provider = location?.Providers.FirstOrDefault(p => p.Id == e.ProviderId);
            return (Key: SlotKey(e), Starts: location is null ? [] : await slots.NextFreeAsync(location, provider, cancellationToken));
        }));
        return found.ToDictionary(x => x.Key, x => x.Starts);
    }

    private static string SlotKey(Sequences.Enrollment e) => $"{e.LocationId}/{e.ProviderId}";

    private async Task<SendResult> SendAsync(Rendered message)
    {
        try
        {
            // Sends are not cancelled half-way: a message either goes and is recorded, or does not go.
            return message.Email is not null
                ? await emailSender.SendAsync(message.Email, CancellationToken.None)
                : await smsSender.SendAsync(message.Sms!, CancellationToken.None);
        }
        catch (IOException e)
        {
            return new SendResult(SendStatus.Transient, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static async Task<List<long>> MarkSendingAsync(NurtureDbContext db, List<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marked = new List<long>();
        foreach (var chunk in ids.Chunk(500))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = $"UPDATE touches SET status = 'sending', sending_at = @now WHERE status = 'claimed' AND id IN ({string.Join(", ", chunk)}) RETURNING id";
            Add(command, "@now", SqliteInstant.ToDb(now));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                marked.Add(reader.GetInt64(0));
            }
        }

        return marked;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Dispatch: sent {Email} email and {Sms} SMS; {Skipped} skipped, {Deferred} deferred, {Retried} to retry, {Failed} failed, {Cancelled} cancelled")]
    private static partial void LogRun(ILogger logger, int email, int sms, int skipped, int deferred, int retried, int failed, int cancelled);
}
