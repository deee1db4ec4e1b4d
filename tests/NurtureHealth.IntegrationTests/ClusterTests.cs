using System.Globalization;
using Npgsql;
using NurtureHealth.IntegrationTests.Servers;
using NurtureHealth.Tests.Storage;

namespace NurtureHealth.IntegrationTests;

/// <summary>
/// Two <c>nurture run</c> processes on one real PostgreSQL database, sending through a real SMTP server (MailDev): both
/// send, one is killed with SIGKILL mid-run, and the survivor finishes — every message sent once or accounted for as
/// uncertain, and no person's frequency cap broken by the two nodes between them.
/// </summary>
public sealed class ClusterTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int People = 3_000;
    private const int TwoSequences = 200; // of those, people with a second lead that enrolls them in a second sequence
    private const int Parallelism = 4;

    [Fact]
    public async Task TwoNodes_OneKilledMidRun_EachTouchSentOnceOrUncertainAndNoCapBroken()
    {
        using var clinic = new MiddayClinic();
        await using var mail = await MailDev.StartAsync();
        var server = await PostgreSqlServer.GetAsync();
        var database = await server.CreateDatabaseAsync("cluster");
        var settings = new Dictionary<string, string>
        {
            ["Nurture__Storage__Provider"] = "PostgreSql",
            ["Nurture__Storage__ConnectionString"] = database,
            ["Nurture__Smtp__Host"] = "127.0.0.1",
            ["Nurture__Smtp__Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Nurture__Smtp__Security"] = "None",
            ["Nurture__Dispatch__Parallelism"] = Parallelism.ToString(CultureInfo.InvariantCulture),
            ["Nurture__Dispatch__BatchSize"] = "50",
            ["Nurture__Dispatch__Lease"] = "00:00:10", // the dead node's claims come back within seconds
            ["Nurture__Scheduling__MaxMessagesPerWeek"] = "1", // so a person in two sequences may have only one of their two first messages
        };
        await using var a = await Worker.StartAsync(clinic.Folder, settings);
        await using var b = await Worker.StartAsync(clinic.Folder, settings);
        var leads = Enumerable.Range(0, People).Select(i => Lead($"c-{i:D5}", $"p{i:D5}@example.com", "dermatology"))
            .Concat(Enumerable.Range(0, TwoSequences).Select(i => Lead($"c-{i:D5}-teeth", $"p{i:D5}@example.com", "dental-implants")));
        a.Drop("leads.ndjson", string.Join("", leads));

        // Both nodes send (a lease names its node's process), then one dies on the spot.
        var sending = new HashSet<int>();
        var bothSent = await Worker.WaitAsync(() =>
        {
            sending.UnionWith(LeaseHolders(database));
            return Task.FromResult(sending.Contains(a.ProcessId) && sending.Contains(b.ProcessId) && Scalar(database, "SELECT COUNT(*) FROM touches WHERE status = 'sent'") >= 600);
        }, TimeSpan.FromMinutes(3));
        Assert.True(bothSent, $"both nodes did not send (lease holders seen: {string.Join(", ", sending)})\n--- node A\n{a.Log}\n--- node B\n{b.Log}");
        b.Kill();
        var sendingAtKill = Scalar(database, "SELECT COUNT(*) FROM touches WHERE status = 'sending'");

        // The survivor takes over what B held once its leases end, and finishes: every person has had their one message.
        var settled = await Worker.WaitAsync(() => Task.FromResult(
            Scalar(database, "SELECT COUNT(*) FROM touches WHERE status IN ('ready', 'claimed', 'sending')") == 0
            && Scalar(database, "SELECT COUNT(DISTINCT contact_id) FROM touches WHERE status IN ('sent', 'uncertain')") == People), TimeSpan.FromMinutes(5));
        Assert.True(settled, $"the survivor did not finish: {Scalar(database, "SELECT COUNT(*) FROM touches WHERE status IN ('ready', 'claimed', 'sending')")} still in hand\n--- node A\n{a.Log}");

        var received = (await mail.EmailsAsync()).Select(e => long.Parse(e.GetProperty("headers").GetProperty("x-nurture-touch").GetString()!, CultureInfo.InvariantCulture))
            .GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var touches = Touches(database);
        var uncertain = touches.Count(t => t.Status == "uncertain");
        output.WriteLine($"sending at the kill {sendingAtKill}; " +
                         $"sent {touches.Count(t => t.Status == "sent")}, uncertain {uncertain}, MailDev {received.Count}");

        Assert.Equal(People + TwoSequences, touches.Count(t => t.StepIndex == 0)); // every enrollment has its first touch, once
        Assert.DoesNotContain(received, r => r.Value > 1); // never sent twice
        Assert.All(touches, t =>
        {
            var count = received.GetValueOrDefault(t.Id);
            Assert.True(t.Status switch { "sent" => count == 1, "uncertain" => count <= 1, _ => count == 0 }, $"touch {t.Id} is {t.Status} and MailDev holds {count}");
        });
        Assert.True(uncertain <= Parallelism, $"{uncertain} uncertain: more than the sends one node had in flight");

        // The cap, across both nodes: no person received more than one message (sent or maybe sent) this week.
        var perPerson = touches.Where(t => t.Status is "sent" or "uncertain").GroupBy(t => t.ContactId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(perPerson.Count == 0, $"{perPerson.Count} people had more than one message, e.g. contact {perPerson.FirstOrDefault()}");
        Assert.Equal(People, touches.Where(t => t.Status is "sent" or "uncertain").Select(t => t.ContactId).Distinct().Count());
    }

    private static string Lead(string id, string email, string serviceLine) =>
        $$$"""{"id":"{{{id}}}","submitted_at":"2026-11-20T15:04:05Z","source":"guide-download","service_line":"{{{serviceLine}}}","first_name":"Maria","email":"{{{email}}}","phone":null,"postal_code":"60614","language":"en","consent":{"email":true,"sms":false,"at":"2026-11-20T15:04:05Z"}}""" + "\n";

    /// <summary>The processes holding claims now (a lease owner is machine/process id/run).</summary>
    private static List<int> LeaseHolders(string database)
    {
        using var connection = new NpgsqlConnection(database + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand("SELECT DISTINCT split_part(lease_owner, '/', 2) FROM touches WHERE lease_owner IS NOT NULL", connection);
        try
        {
            using var reader = command.ExecuteReader();
            var pids = new List<int>();
            while (reader.Read())
            {
                pids.Add(int.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
            }

            return pids;
        }
        catch (PostgresException e) when (e.SqlState == "42P01")
        {
            return []; // not migrated yet
        }
    }

    private static long Scalar(string database, string sql)
    {
        using var connection = new NpgsqlConnection(database + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        try
        {
            return Convert.ToInt64(command.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == "42P01")
        {
            return 0; // not migrated yet
        }
    }

    private static List<(long Id, long ContactId, int StepIndex, string Status)> Touches(string database)
    {
        using var connection = new NpgsqlConnection(database + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand("SELECT id, contact_id, step_index, status FROM touches", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, long, int, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return rows;
    }
}
