using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>
/// The one writer of a dispatch batch's sends, with group commit. The batch's sends run in parallel and each asks, in
/// order, for its touch to be marked Sending (and waits for that to be committed before it sends), then for its outcome
/// to be recorded. Whatever has been asked while the previous transaction ran goes into the next one, in the order
/// asked: so a worker's outcome is always committed no later than its next touch's Sending, at most
/// <see cref="DispatchOptions.Parallelism"/> touches are ever Sending in the database, and a group of sends costs one
/// commit instead of two each.
/// </summary>
/// <remarks>
/// The writer has a context and a connection of its own, with prepared statements for the rows every send writes
/// (<see cref="TouchRows"/>); the context only carries the rare rows (suppressions, events)
/// and is cleared after each group.
/// </remarks>
internal sealed class BatchWriter : IAsyncDisposable
{
    private readonly System.Threading.Channels.Channel<Request> _requests =
        System.Threading.Channels.Channel.CreateUnbounded<Request>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });

    private readonly IDbContextFactory<NurtureDbContext> _databases;
    private readonly string _node;
    private readonly Func<DateTimeOffset> _now;
    private readonly TimeSpan _lease;
    private readonly Func<NurtureDbContext, TouchRows, IReadOnlyList<Outcome>, Task<Changes>> _apply;
    private readonly Func<Func<Task>, long, Task> _retry;
    private readonly Task _loop;
    private NurtureDbContext? _db;
    private TouchRows? _rows;

    /// <param name="databases">Where the writer's context comes from.</param>
    /// <param name="node">The lease owner.</param>
    /// <param name="now">The clock.</param>
    /// <param name="lease">How long a Sending touch is this node's before recovery may look at it.</param>
    /// <param name="apply">Applies a group's outcomes (once, before the transaction that stores them) and says what to store.</param>
    /// <param name="retry">Runs a write, trying again while the database is unavailable (the touch id names it in the log).</param>
    public BatchWriter(IDbContextFactory<NurtureDbContext> databases, string node, Func<DateTimeOffset> now, TimeSpan lease,
        Func<NurtureDbContext, TouchRows, IReadOnlyList<Outcome>, Task<Changes>> apply, Func<Func<Task>, long, Task> retry)
    {
        (_databases, _node, _now, _lease, _apply, _retry) = (databases, node, now, lease, apply, retry);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>A send's outcome to record.</summary>
    public sealed record Outcome(DispatchBatch.Item Item, Rendered Message, SendResult Result);

    /// <summary>What a group of outcomes changed: the touches recorded and their enrollments (counters, state, the plan they wait for).</summary>
    public sealed record Changes(IReadOnlyList<Touch> Recorded, IReadOnlyList<Enrollment> Enrollments);

    /// <summary>Marks the touch Sending; completes once committed, false when an exit cancelled it meanwhile.</summary>
    public Task<bool> MarkSendingAsync(long touchId) => Enqueue(new Request(touchId, null));

    /// <summary>Queues an outcome; completes once committed.</summary>
    public Task RecordAsync(Outcome outcome) => Enqueue(new Request(outcome.Item.Touch.Id, outcome));

    private Task<bool> Enqueue(Request request)
    {
        if (!_requests.Writer.TryWrite(request))
        {
            request.Done.TrySetException(new InvalidOperationException("the batch's writer has stopped"));
        }

        return request.Done.Task;
    }

    private async Task LoopAsync()
    {
        var reader = _requests.Reader;
        while (await reader.WaitToReadAsync())
        {
            var group = new List<Request>();
            while (reader.TryRead(out var request))
            {
                group.Add(request);
            }

            try
            {
                await WriteAsync(group);
            }
            catch (Exception e)
            {
                // The database stayed unavailable while stopping, or a mistake: every waiting send learns of it; what was
                // not committed stays Sending or Claimed in the database, and recovery accounts for it.
                _requests.Writer.TryComplete(e);
                foreach (var request in group.Concat(Drain(reader)))
                {
                    request.Done.TrySetException(e);
                }

                return;
            }
        }
    }

    private async Task WriteAsync(List<Request> group)
    {
        if (_db is null)
        {
            _db = await _databases.CreateDbContextAsync(CancellationToken.None);
            _db.ChangeTracker.AutoDetectChangesEnabled = false;
            await _db.Database.OpenConnectionAsync(CancellationToken.None);
            _rows = new TouchRows(_db.Database.GetDbConnection());
        }

        var (db, rows) = (_db, _rows!);
        db.ChangeTracker.Clear();
        var outcomes = group.Where(r => r.Outcome is not null).Select(r => r.Outcome!).ToList();
        var changes = outcomes.Count > 0 ? await _apply(db, rows, outcomes) : new Changes([], []);
        var marked = new HashSet<long>();
        await _retry(async () =>
        {
            marked.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            var raw = transaction.GetDbTransaction();
            foreach (var request in group)
            {
                // One transaction: a worker's outcome and its next touch's Sending become true together.
                if (request.Outcome is null)
                {
                    var now = _now();
                    if (await rows.MarkSendingAsync(raw, request.TouchId, _node, now, now + _lease))
                    {
                        marked.Add(request.TouchId);
                    }
                }
            }

            foreach (var touch in changes.Recorded)
            {
                await rows.RecordAsync(raw, touch);
            }

            foreach (var enrollment in changes.Enrollments)
            {
                await rows.UpdateAsync(raw, enrollment);
            }

            if (db.ChangeTracker.HasChanges())
            {
                // Accepted only once committed: if the commit fails, the same changes are saved again on the next try.
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }, group[0].TouchId);
        db.ChangeTracker.AcceptAllChanges();

        foreach (var request in group)
        {
            request.Done.TrySetResult(request.Outcome is not null || marked.Contains(request.TouchId));
        }
    }

    private static IEnumerable<Request> Drain(System.Threading.Channels.ChannelReader<Request> reader)
    {
        while (reader.TryRead(out var request))
        {
            yield return request;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop;
        _rows?.Dispose();
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    private sealed record Request(long TouchId, Outcome? Outcome)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
