using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NurtureHealth.Storage;

namespace NurtureHealth.Messaging;

/// <summary>
/// Sends a decided batch, <see cref="DispatchOptions.Parallelism"/> messages at once: each touch is marked Sending just
/// before its own send (only if still claimed by this node: an exit that landed meanwhile wins), and its outcome is
/// recorded as soon as the send returns, through the batch's one <see cref="BatchWriter"/>. So at most Parallelism
/// touches are ever Sending on a node, whichever of its loops sends them, and a crash leaves only those in doubt.
/// </summary>
public sealed class BatchSender(
    IDbContextFactory<NurtureDbContext> databases,
    DispatchNode node,
    MessageSenders senders,
    SendOutcomes outcomes,
    DatabaseRetry retry,
    TimeProvider clock,
    IOptions<DispatchOptions> options,
    Telemetry.NurtureMetrics metrics)
{
    /// <summary>Sends what it can; returns the touches it did not start because <paramref name="stopping"/> asked it to stop.</summary>
    internal async Task<List<long>> SendAsync(List<(DispatchBatch.Item Item, Rendered Message)> toSend, DispatchBatch batch, DispatchRun run, CancellationToken stopping)
    {
        var started = new bool[toSend.Count];
        var recorded = new ConcurrentBag<Task>();
        var slots = node.SendSlots(options.Value.Parallelism);
        await using (var writer = new BatchWriter(databases, node.Name, clock.GetUtcNow, options.Value.Lease,
                         (writing, rows, group) => outcomes.ApplyAsync(writing, rows, group, batch, run, stopping),
                         (write, touchId) => retry.RunAsync(write, "record sends", touchId, stopping)))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, toSend.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = CancellationToken.None },
                async (i, _) =>
                {
                    if (stopping.IsCancellationRequested)
                    {
                        return;
                    }

                    // The node's own bound: several dispatch loops on one node (the job's and the node's worker) share it.
                    await slots.WaitAsync(CancellationToken.None);
                    try
                    {
                        if (stopping.IsCancellationRequested)
                        {
                            return;
                        }

                        started[i] = true;
                        var (item, message) = toSend[i];
                        if (!await writer.MarkSendingAsync(item.Touch.Id))
                        {
                            return; // an exit cancelled it between the claim and now; the database already says so
                        }

                        item.Touch.StartSending(clock.GetUtcNow());
                        node.SendStarted(item.Touch.Id);
                        var result = await SendOneAsync(item, message);

                        // Not awaited here: this worker's next Sending is committed with (or after) this outcome, in one transaction.
                        recorded.Add(FinishedAsync(writer.RecordAsync(new BatchWriter.Outcome(item, message, result)), item.Touch.Id));
                    }
                    finally
                    {
                        slots.Release();
                    }
                });
            await Task.WhenAll(recorded);
        }

        return toSend.Where((_, i) => !started[i]).Select(s => s.Item.Touch.Id).ToList();
    }

    /// <summary>One send, in a span of its own (the touch id and channel, nothing of the person), timed for the Meter.</summary>
    private async Task<SendResult> SendOneAsync(DispatchBatch.Item item, Rendered message)
    {
        var channel = message.Email is null ? "sms" : "email";
        using var span = Telemetry.NurtureMetrics.Activities.StartActivity("send");
        span?.SetTag("nurture.touch.id", item.Touch.Id);
        span?.SetTag("nurture.channel", channel);
        var started = clock.GetTimestamp();
        var result = await senders.SendAsync(message, item.Touch.Id);
        var outcome = result.Status.ToString().ToLowerInvariant();
        span?.SetTag("nurture.outcome", outcome);
        metrics.Sent(channel, outcome, clock.GetElapsedTime(started), result.Status == SendStatus.Sent ? clock.GetUtcNow() - item.Touch.DueAt : null);
        return result;
    }

    private async Task FinishedAsync(Task recorded, long touchId)
    {
        try
        {
            await recorded;
        }
        finally
        {
            node.SendFinished(touchId);
        }
    }
}
