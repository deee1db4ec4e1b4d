using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NurtureHealth.Cycle;
using NurtureHealth.Leads;
using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Messaging;

/// <summary>
/// At most once per touch, and nothing lost: a touch is Sending only while its own send is in flight, its outcome is
/// recorded as soon as the send returns, and whatever a process leaves behind is reconciled on the next start.
/// </summary>
public sealed class DeliveryGuaranteeTests : IDisposable
{
    private const int Leads = 30;
    private const int Parallelism = 4;
    private readonly NurtureServices _services;

    public DeliveryGuaranteeTests()
    {
        var folder = new TempFolder();
        _folderToDelete = folder;
        _services = new NurtureServices(new Dictionary<string, string?>
        {
            // A write waits at most a second for a lock, so a test can hold the database longer than that.
            ["Nurture:Storage:ConnectionString"] = TestStorage.OnPostgreSql
                ? TestStorage.CreatePostgreSqlDatabase() + ";Options=-c lock_timeout=1000"
                : $"Data Source={folder.File("nurture.db")};Default Timeout=1",
            ["Nurture:Dispatch:Parallelism"] = Parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, s =>
        {
            s.AddSingleton<FileOutbox>();
            s.AddSingleton<RecordingSender>();
            s.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<RecordingSender>());
            s.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<RecordingSender>());
        });
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write("leads.ndjson",
            string.Join("\n", Enumerable.Range(0, Leads).Select(i => Some.NdjsonLine($"l{i}", email: $"p{i}@example.com", phone: "")))));
        _services.Get<Enroller>().EnrollPendingAsync().GetAwaiter().GetResult();
    }

    private readonly TempFolder _folderToDelete;

    private RecordingSender Sender => _services.Get<RecordingSender>();

    private string ConnectionString => _services.Get<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.ConnectionString;

    /// <summary>Another process's connection to the same database.</summary>
    private System.Data.Common.DbConnection OtherConnection() => TestStorage.OnPostgreSql
        ? new Npgsql.NpgsqlConnection(ConnectionString + ";Pooling=false")
        : new SqliteConnection($"Data Source={_folderToDelete.File("nurture.db")};Pooling=False");

    [Fact]
    public async Task Recovery_WhileThisNodeHoldsLiveClaims_TakesThemBackOnlyWhereTheJobIsTheNodesOnlySender()
    {
        await _services.Get<DueSteps>().PrepareAsync(Leads);
        var node = _services.Get<DispatchNode>();
        var claimed = await DispatchClaims.ClaimAsync(_services.Get<IDbContextFactory<NurtureHealth.Storage.NurtureDbContext>>(), node.Name, _services.Clock.GetUtcNow(),
            TimeSpan.FromMinutes(5), 10, CancellationToken.None);

        var recovery = await _services.Get<DispatchRecovery>().RecoverExpiredAsync();

        // SQLite: only the job sends, so its own claims found before a run were left by a run that failed. PostgreSQL: the
        // node's dispatch worker may be sending them right now; they are its own until the lease ends.
        Assert.Equal(10, claimed.Count);
        Assert.Equal(TestStorage.OnPostgreSql ? 0 : 10, recovery.Released);
        Assert.Equal(TestStorage.OnPostgreSql ? 10 : 0, Count(TouchStatus.Claimed));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dispatch_ProcessDiesMidBatch_LeavesOnlyTheSendsInFlightInDoubtAndARestartSendsTheRestOnce(bool senderCanReconcile)
    {
        Sender.Reconciles = senderCanReconcile;
        Sender.DieAfter(7);

        // The "dead" run is never awaited: its four workers hang inside sends that reached the outbox.
        _ = Task.Run(() => _services.Get<NurtureCycle>().SendDueAsync());
        Assert.True(await Eventually(() => Sender.Sends.Count == 7 + Parallelism && Count(TouchStatus.Sent) == 7), $"sends: {Sender.Sends.Count}");

        Assert.Equal(Parallelism, Count(TouchStatus.Sending));
        Assert.Equal(Leads - 7 - Parallelism, Count(TouchStatus.Claimed));

        var (restarted, recovered) = Restarted(); // a new process: a new lease owner, nothing in flight
        if (TestStorage.OnPostgreSql)
        {
            // Other nodes may be alive on PostgreSQL: what the dead one held is taken over once its leases end.
            _services.Clock.Advance(new DispatchOptions().Lease + TimeSpan.FromSeconds(1));
        }

        var recovery = await recovered.RecoverAsync();
        Sender.DieAfter(int.MaxValue);
        await restarted.SendDueAsync();

        Assert.Equal((Leads - 7 - Parallelism, senderCanReconcile ? Parallelism : 0, senderCanReconcile ? 0 : Parallelism),
            (recovery.Released, recovery.ConfirmedSent, recovery.Uncertain));
        Assert.All(Sender.Sends, kv => Assert.Equal(1, kv.Value));
        Assert.Equal(Leads, Sender.Sends.Count);
        using var db = _services.Db();
        var first = db.Touches.AsNoTracking().Where(t => t.StepIndex == 0).ToList();
        Assert.Equal(Leads, first.Count);
        Assert.Equal(senderCanReconcile ? Leads : Leads - Parallelism, first.Count(t => t.Status == TouchStatus.Sent));
        Assert.Equal(senderCanReconcile ? 0 : Parallelism, first.Count(t => t.Status == TouchStatus.Uncertain));
        Assert.All(first.Where(t => t.Status == TouchStatus.Uncertain), t => Assert.StartsWith("uncertain: it was being sent when the worker stopped", t.Outcome));

        // Every enrollment goes on to its next step, the uncertain ones too: they may well have had their message.
        Assert.Equal(Leads, db.Touches.Where(t => t.Status == TouchStatus.Scheduled).Select(t => t.EnrollmentId).Distinct().Count());
    }

    /// <summary>The cycle and recovery of a second process on the same database: its own node, nothing in flight.</summary>
    private (NurtureCycle Cycle, DispatchRecovery Recovery) Restarted()
    {
        var provider = _services.Provider;
        var node = new DispatchNode();
        var retry = ActivatorUtilities.CreateInstance<DatabaseRetry>(provider, node);
        var recovery = ActivatorUtilities.CreateInstance<DispatchRecovery>(provider, node);
        var dispatcher = ActivatorUtilities.CreateInstance<Dispatcher>(provider, node, ActivatorUtilities.CreateInstance<BatchSender>(provider, node, retry));
        return (ActivatorUtilities.CreateInstance<NurtureCycle>(provider, dispatcher, recovery), recovery);
    }

    [Fact]
    public async Task Dispatch_StoppingMidBatch_FinishesTheSendsInFlightAndGivesTheRestBackToTheQueue()
    {
        var hold = new TaskCompletionSource();
        Sender.Hold = hold.Task;
        using var stopping = new CancellationTokenSource();

        var running = Task.Run(() => _services.Get<NurtureCycle>().SendDueAsync(stopping.Token));
        Assert.True(await Eventually(() => Sender.InFlight == Parallelism), $"in flight: {Sender.InFlight}");
        await stopping.CancelAsync(); // SIGTERM
        hold.SetResult();
        var run = await running;

        Assert.Equal((Parallelism, Leads - Parallelism), (run.Sent, run.Released));
        Assert.Equal(Parallelism, Count(TouchStatus.Sent));
        Assert.Equal(0, Count(TouchStatus.Sending) + Count(TouchStatus.Claimed) + Count(TouchStatus.Uncertain));
        using var db = _services.Db();
        Assert.Equal(Leads - Parallelism, db.Touches.Count(t => t.StepIndex == 0 && t.Status == TouchStatus.Scheduled));
        Assert.Equal(Parallelism, Sender.Sends.Count);
    }

    [Fact]
    public async Task Dispatch_SenderThrowsForOneTouch_ThatTouchIsUncertainAndTheRestOfTheBatchIsSentAndRecorded()
    {
        long victim;
        using (var db = _services.Db())
        {
            victim = db.Touches.OrderBy(t => t.Id).Skip(5).First().Id;
        }

        Sender.Throw = id => id == victim ? new InvalidOperationException("a bug in a sender") : null;

        var run = await _services.Get<NurtureCycle>().SendDueAsync();

        Assert.Equal((Leads - 1, 1), (run.Sent, run.Uncertain));
        using var after = _services.Db();
        var touch = after.Touches.AsNoTracking().Single(t => t.Id == victim);
        Assert.Equal(TouchStatus.Uncertain, touch.Status);
        Assert.Equal("uncertain: the sender failed unexpectedly (InvalidOperationException); it may or may not have gone", touch.Outcome);
        Assert.Equal(0, Count(TouchStatus.Sending) + Count(TouchStatus.Claimed));
        Assert.Contains(_services.Log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains($"touch {victim} (System.InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatch_DatabaseLockedWhileMessagesAreOut_RecordsEachOutcomeOnceTheDatabaseIsWritableAgain()
    {
        var hold = new TaskCompletionSource();
        Sender.Hold = hold.Task;
        var health = _services.Get<DispatchNode>();
        var running = Task.Run(() => _services.Get<NurtureCycle>().SendDueAsync());
        Assert.True(await Eventually(() => Sender.InFlight == Parallelism));

        // Another process takes the write lock while four messages are out.
        await using (var other = OtherConnection())
        {
            other.Open();
            await using var locked = other.BeginTransaction(); // SQLite: BEGIN IMMEDIATE, the write lock
            if (other is Npgsql.NpgsqlConnection)
            {
                await using var lockTables = other.CreateCommand();
                lockTables.Transaction = locked;
                lockTables.CommandText = "LOCK TABLE touches, enrollments IN EXCLUSIVE MODE"; // PostgreSQL: what keeps every dispatch write out
                await lockTables.ExecuteNonQueryAsync();
            }
            hold.SetResult();
            Assert.True(await Eventually(() => health.WriteFailing is not null), "no write was refused");
            Assert.Equal("the database is locked by another process", health.WriteFailing!.Value.Why);
            await Task.Delay(TimeSpan.FromSeconds(1.5)); // longer than a write waits: the dispatcher must keep its outcomes and try again
            Assert.Equal(Parallelism, Sender.Sends.Count); // nothing more goes out while outcomes cannot be recorded

            var report = await _services.Get<HealthCheckService>().CheckHealthAsync();
            Assert.Equal(HealthStatus.Degraded, report.Status);
            Assert.Equal("the database answers but cannot be written: the database is locked by another process", report.Entries["database"].Description);
            Assert.StartsWith("outcomes are waiting to be recorded since", report.Entries["dispatch"].Description);
        }

        var run = await running;

        Assert.Equal(Leads, run.Sent);
        Assert.Null(health.WriteFailing);
        Assert.Equal(HealthStatus.Healthy, (await _services.Get<HealthCheckService>().CheckHealthAsync()).Status);
        Assert.Equal(Leads, Count(TouchStatus.Sent));
        Assert.All(Sender.Sends, kv => Assert.Equal(1, kv.Value));
        Assert.Contains(_services.Log.Lines, l => l.Contains("The database refused to", StringComparison.Ordinal) && l.Contains("locked by another process", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_TouchesStuckPastTheirLeaseAndUncertainOnes_AreReportedOnTheirOwn()
    {
        using (var db = _services.Db())
        {
            var touches = db.Touches.OrderBy(t => t.Id).Take(3).ToList();
            (touches[0].Status, touches[0].LeaseOwner, touches[0].LeaseUntil) = (TouchStatus.Sending, "a-dead-worker", Some.Now.AddMinutes(-1));
            touches[1].Status = TouchStatus.Uncertain;
            touches[2].Status = TouchStatus.Uncertain;
            await db.SaveChangesAsync();
        }

        var stuck = await _services.Get<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, stuck.Entries["dispatch"].Status);
        Assert.Equal("1 touches are stuck past their lease (claimed or sending, and not in flight here): is dispatch running? 0 sending now, 2 uncertain (may or may not have gone; never sent again)",
            stuck.Entries["dispatch"].Description);

        Sender.Reconciles = false; // like SMTP: nobody can say whether the dead worker's send went
        await _services.Get<NurtureCycle>().SendDueAsync(); // recovery runs first and accounts for it

        var after = await _services.Get<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, after.Entries["dispatch"].Status);
        Assert.Equal(3, after.Entries["dispatch"].Data["uncertain"]);
    }

    [Fact]
    public async Task Enroll_TwoEnrollersAtOnceOnOneDatabase_EnrollEachLeadOnceWithOneFirstTouch()
    {
        using var second = new NurtureServices(new Dictionary<string, string?> { ["Nurture:Storage:ConnectionString"] = ConnectionString });
        for (var round = 0; round < 5; round++)
        {
            using (var reset = _services.Db())
            {
                await reset.Database.ExecuteSqlRawAsync("DELETE FROM touches; DELETE FROM enrollments; UPDATE leads SET enrollment_outcome = NULL, enrollment_id = NULL;");
            }

            await Task.WhenAll(Task.Run(() => _services.Get<Enroller>().EnrollPendingAsync()), Task.Run(() => second.Get<Enroller>().EnrollPendingAsync()));

            using var db = _services.Db();
            Assert.Equal(Leads, db.Enrollments.Count());
            Assert.Equal(Leads, db.Touches.Count());
            Assert.Equal(Leads, db.Touches.Select(t => t.EnrollmentId).Distinct().Count());
        }
    }

    private int Count(TouchStatus status)
    {
        using var db = _services.Db();
        return db.Touches.Count(t => t.Status == status);
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }

    public void Dispose()
    {
        _services.Dispose();
        _folderToDelete.Dispose();
    }
}
