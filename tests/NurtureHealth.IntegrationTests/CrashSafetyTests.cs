using System.Globalization;
using Microsoft.Data.Sqlite;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests;
using NurtureHealth.Tests.Host;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// <c>nurture run</c> as a process, sending through a real SMTP server (MailDev), killed and stopped the ways production
/// kills and stops it: every message is sent once, or queued again, or uncertain only if it was in flight — never
/// doubled, never lost.
/// </summary>
public sealed class CrashSafetyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Parallelism = 4;

    [Fact]
    public async Task Run_KilledTwentyTimesAtRandomWhileSending_SendsEachMessageOnceOrAccountsForIt()
    {
        const int Leads = 1000;
        const int Kills = 20;
        using var clinic = new MiddayClinic();
        await using var mail = await MailDev.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "nurture-it", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "inbox"));
        File.WriteAllText(Path.Combine(folder, "inbox", "leads.ndjson"), string.Join("\n",
            Enumerable.Range(0, Leads).Select(i => DeliveryTests.Lead($"kill-{i:D5}", email: $"p{i:D5}@example.com", phone: null, source: "guide-download"))));
        var settings = Smtp(mail);
        var random = new Random(20261201);
        var sendingAtKill = new List<int>();
        var inFlightAtKills = new HashSet<long>();
        var log = new System.Text.StringBuilder();

        var sentAtKill = new List<long>();
        for (var kill = 0; kill < Kills; kill++)
        {
            var worker = await Worker.StartAsync(clinic.Folder, settings, folder, waitUntilListening: false);
            worker.KeepFolder = true;
            if (kill % 4 == 0)
            {
                // In the middle of start-up: migration, recovery, the inbox.
                await Task.Delay(random.Next(200, 2500));
            }
            else
            {
                // While it sends: once this process has sent something, a moment later.
                var before = Scalar(folder, "SELECT COUNT(*) FROM touches WHERE status = 'sent'");
                Assert.True(await Worker.WaitAsync(() => Task.FromResult(Scalar(folder, "SELECT COUNT(*) FROM touches WHERE status = 'sent'") > before), TimeSpan.FromSeconds(90)),
                    "the worker did not send\n" + worker.Log);
                await Task.Delay(random.Next(0, 400));
            }

            worker.Kill();
            log.AppendLine(CultureInfo.InvariantCulture, $"--- kill {kill + 1}").Append(worker.Log);
            await worker.DisposeAsync();
            sendingAtKill.Add((int)Scalar(folder, "SELECT COUNT(*) FROM touches WHERE status = 'sending'"));
            inFlightAtKills.UnionWith(Rows(folder, "SELECT id, status FROM touches WHERE status = 'sending'").Select(r => r.Id));
            sentAtKill.Add(Scalar(folder, "SELECT COUNT(*) FROM touches WHERE status = 'sent'"));
        }

        // The last start goes on until every first message is settled.
        await using (var last = await Worker.StartAsync(clinic.Folder, settings, folder))
        {
            last.KeepFolder = true;
            var settled = await Worker.WaitAsync(() => Task.FromResult(last.Scalar(
                "SELECT COUNT(*) FROM touches WHERE step_index = 0 AND status IN ('scheduled', 'claimed', 'sending')") == 0 && last.Scalar("SELECT COUNT(*) FROM enrollments") == Leads), TimeSpan.FromMinutes(4));
            Assert.True(settled, "the first messages did not all go out\n" + last.Log);
            Assert.Equal(0, await last.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        var received = (await mail.EmailsAsync()).Select(e => long.Parse(e.GetProperty("headers").GetProperty("x-nurture-touch").GetString()!, CultureInfo.InvariantCulture))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var touches = Rows(folder, "SELECT id, status FROM touches WHERE step_index = 0");
        output.WriteLine($"sending at each kill: {string.Join(", ", sendingAtKill)}; sent by then: {string.Join(", ", sentAtKill)}; uncertain {touches.Count(t => t.Status == "uncertain")}, sent {touches.Count(t => t.Status == "sent")}, MailDev {received.Count}");
        try
        {
            Assert.True(sendingAtKill.All(n => n <= Parallelism), $"touches left sending at each kill: {string.Join(", ", sendingAtKill)}");
            Assert.Equal(Leads, touches.Count); // one enrollment, one first touch, per lead
            Assert.DoesNotContain(received, r => r.Value > 1); // never doubled
            Assert.All(touches, t =>
            {
                var count = received.GetValueOrDefault(t.Id);
                switch (t.Status)
                {
                    case "sent":
                        Assert.True(count == 1, $"touch {t.Id} is sent but MailDev holds {count}");
                        break;
                    case "uncertain":
                        Assert.True(count <= 1, $"touch {t.Id} is uncertain and MailDev holds {count}");
                        break;
                    default:
                        Assert.Fail($"touch {t.Id} ended {t.Status}: a first message lost"); // never lost
                        break;
                }
            });
            var uncertain = touches.Count(t => t.Status == "uncertain");
            Assert.True(uncertain <= Parallelism * Kills, $"{uncertain} uncertain after {Kills} kills");
            // Exactly the sends in flight at a kill (SMTP cannot say whether they went); everything else went back to the queue.
            Assert.Equal(inFlightAtKills.Order(), touches.Where(t => t.Status == "uncertain").Select(t => t.Id).Order());
        }
        catch
        {
            File.WriteAllText(Path.Combine(Path.GetTempPath(), "nurture-kill-test.log"), log.ToString());
            throw;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Run_Sigterm_StopsTakingWorkAtOnceFinishesWhatIsInFlightAndExitsZero()
    {
        using var clinic = new MiddayClinic();
        await using var mail = await MailDev.StartAsync();
        await using var worker = await Worker.StartAsync(clinic.Folder, Smtp(mail));
        worker.Drop("leads.ndjson", string.Join("\n",
            Enumerable.Range(0, 2000).Select(i => DeliveryTests.Lead($"term-{i:D5}", email: $"t{i:D5}@example.com", phone: null, source: "guide-download"))));
        Assert.True(await Worker.WaitAsync(() => Task.FromResult(worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'sent'") >= 50), TimeSpan.FromSeconds(90)),
            "sending did not start\n" + worker.Log);

        var exit = await worker.TerminateAsync(TimeSpan.FromSeconds(20));

        Assert.True(exit == 0, $"exit code {exit?.ToString(CultureInfo.InvariantCulture) ?? "(still running after 20 s)"}\n{worker.Log}");
        Assert.Equal(0, worker.Scalar("SELECT COUNT(*) FROM touches WHERE status IN ('claimed', 'sending', 'uncertain')"));
        var sent = worker.Scalar("SELECT COUNT(*) FROM touches WHERE status = 'sent'");
        Assert.Equal(sent, (await mail.EmailsAsync()).Count);
        Assert.True(worker.Scalar("SELECT COUNT(*) FROM touches WHERE step_index = 0 AND status = 'scheduled'") > 0, "it went on sending after the signal");
        Assert.Contains("went back to the queue unsent", worker.Log, StringComparison.Ordinal);
        Assert.Contains($"Sending email to SMTP 127.0.0.1:{mail.SmtpPort}; SMS to the file outbox at ", worker.Log, StringComparison.Ordinal); // said at start
    }

    [Fact]
    public async Task Run_SecondWorkerOnTheSameSqliteFile_RefusesToStartAndNamesTheFirst()
    {
        using var clinic = new MiddayClinic();
        await using var first = await Worker.StartAsync(clinic.Folder, new Dictionary<string, string>());
        Assert.Contains("Sending email to the file outbox at ", first.Log, StringComparison.Ordinal); // no SMTP configured: said at start, not found out later
        var database = Path.Combine(first.Folder, "nurture.db");

        var second = NurtureProcess.Run(TestPaths.RepoRoot, new Dictionary<string, string>
        {
            ["Nurture__Http__Urls"] = $"http://127.0.0.1:{TestServers.FreePort()}",
            ["Nurture__Storage__ConnectionString"] = $"Data Source={database}",
            ["Nurture__Locations__Path"] = clinic.Folder,
            ["Nurture__Inbox__Path"] = Path.Combine(first.Folder, "inbox"),
            ["Nurture__Links__SigningKey"] = "integration-signing-key-0123456789-abcdef",
        }, "run");

        Assert.Equal(4, second.ExitCode);
        Assert.Contains($"Another worker is already using the database {database}: nurture worker (process ", second.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Stderr, StringComparison.Ordinal); // a sentence, not a stack trace
        Assert.Null(first.ExitCode); // the first goes on
    }

    [Fact]
    public void Start_MigrationLockLeftByAKilledProcess_IsClearedAndTheCommandGoesOn()
    {
        using var folder = new TempFolder();
        var database = folder.File("nurture.db");
        Assert.Equal(0, NurtureProcess.Run("db", "migrate", "--db", database).ExitCode);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            // What EF Core's SQLite migrator leaves when its process dies between taking and releasing its lock.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL);" +
                                  "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-30 10:00:00');";
            command.ExecuteNonQuery();
        }

        var import = NurtureProcess.Run("import", "samples/leads.csv", "--db", database);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains("38 records: 35 accepted", import.Stdout, StringComparison.Ordinal);
        Assert.Contains("Cleared the migration lock left in", import.Stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Smtp(MailDev mail) => new()
    {
        ["Nurture__Smtp__Host"] = "127.0.0.1",
        ["Nurture__Smtp__Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Nurture__Smtp__Security"] = "None",
        ["Nurture__Dispatch__Parallelism"] = Parallelism.ToString(CultureInfo.InvariantCulture),
    };

    private static long Scalar(string folder, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "nurture.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return Convert.ToInt64(command.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1 && e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return 0; // killed before its first migration finished: nothing is sending
        }
    }

    private static List<(long Id, string Status)> Rows(string folder, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "nurture.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<(long, string)>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1 && e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            // killed before its first migration finished: no rows yet
        }

        return rows;
    }
}
