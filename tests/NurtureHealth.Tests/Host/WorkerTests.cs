using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace NurtureHealth.Tests.Host;

/// <summary><c>nurture run</c> as an operator runs it: configured by environment variables, fed through the inbox, stopped with SIGTERM.</summary>
public sealed class WorkerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public void Run_WithoutALinkSigningKey_RefusesToStartAndNamesTheKey()
    {
        var result = NurtureProcess.Run(TestPaths.RepoRoot, Environment(withKey: false), "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Nurture:Links:SigningKey is required", result.Stderr);
    }

    [Fact]
    public void Run_TemplateWithAMistake_RefusesToStartAndNamesTheFileAndLine()
    {
        var templates = _temp.File("templates");
        _temp.CopyFrom(TestPaths.Templates, "templates");

        var guide = Path.Combine(templates, "skin-guide", "guide.en.md");
        File.WriteAllText(guide, File.ReadAllText(guide).Replace("Hi {{ patient.first_name }},", "Hi {{ patient.frist_name }},", StringComparison.Ordinal));
        var env = Environment(withKey: true);
        env["Nurture__Templates__Path"] = templates;

        var result = NurtureProcess.Run(TestPaths.RepoRoot, env, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The location or template files have errors; fix them and start again", result.Stderr);
        Assert.Contains("guide.en.md:5:7: error: unknown variable 'patient.frist_name'; did you mean 'patient.first_name'?", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout);
    }

    [Fact]
    public void Run_HandOffSequenceThatDoesNotExist_RefusesToStartAndNamesTheSetting()
    {
        var env = Environment(withKey: true);
        env["Nurture__HandOff__Then"] = "sequence:call-me-today";

        var result = NurtureProcess.Run(TestPaths.RepoRoot, env, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Nurture:HandOff:Then names the sequence 'call-me-today', but templates/ has no such sequence", result.Stderr);

        var check = NurtureProcess.Run(TestPaths.RepoRoot, env, "check");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("error: Nurture:HandOff:Then names the hand-off sequence 'call-me-today'", check.Stdout);
    }

    [Fact]
    public async Task Run_LeadDroppedInTheInbox_IsImportedEnrolledAndItsFirstTouchPlannedThenStopsCleanlyOnSigterm()
    {
        Directory.CreateDirectory(_temp.File("inbox"));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = TestPaths.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nurture.dll"));
        start.ArgumentList.Add("run");
        foreach (var (key, value) in Environment(withKey: true))
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var planned = false;
        try
        {
            File.WriteAllText(_temp.File("inbox/web.ndjson.part"), Some.NdjsonLine("web-run-1", email: "ana@example.com", phone: "(312) 555-0101"));
            File.Move(_temp.File("inbox/web.ndjson.part"), _temp.File("inbox/web.ndjson"));

            // Planned (outside the send window) or already sent (inside it): either way it has settled.
            planned = await WaitForAsync(() => Query("SELECT COUNT(*) FROM touches WHERE status IN ('scheduled', 'sent') AND step_id = 'guide'") == 1, TimeSpan.FromSeconds(90));
        }
        finally
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.HasExited);
        var log = await stdout + await stderr;
        Assert.True(planned, "the first touch was not planned within 90 s; the worker said:\n" + log);
        Assert.True(File.Exists(_temp.File("inbox/processed/web.ndjson")));
        Assert.Equal(1, Query("SELECT COUNT(*) FROM enrollments WHERE sequence_id = 'skin-guide' AND location_id = 'chicago-lincoln-park'"));
        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("ana@example.com", log);
        Assert.DoesNotContain("555-0101", log);
        Assert.Contains("Inbox file web.ndjson imported", log);
    }

    private long Query(string sql)
    {
        if (!File.Exists(_temp.File("worker.db")))
        {
            return 0;
        }

        using var connection = new SqliteConnection($"Data Source={_temp.File("worker.db")};Mode=ReadOnly;Pooling=False");
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // the worker is still creating its tables
        }
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    private Dictionary<string, string> Environment(bool withKey)
    {
        var env = new Dictionary<string, string>
        {
            ["Nurture__Storage__ConnectionString"] = $"Data Source={_temp.File("worker.db")}",
            ["Nurture__Inbox__Path"] = _temp.File("inbox"),
            ["Nurture__Inbox__PollInterval"] = "00:00:00.250",
            ["Nurture__Outbox__Path"] = _temp.File("outbox"),
            ["Nurture__Dispatch__MaxIdle"] = "00:00:01",
            ["Nurture__Links__BaseUrl"] = "https://nurture.test.example",
        };
        if (withKey)
        {
            env["Nurture__Links__SigningKey"] = "worker-test-signing-key-0123456789-abcdef";
        }

        return env;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
