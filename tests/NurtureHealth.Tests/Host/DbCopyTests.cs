using Microsoft.EntityFrameworkCore;
using NurtureHealth.Cycle;
using NurtureHealth.Storage;
using NurtureHealth.Tests.Storage;

namespace NurtureHealth.Tests.Host;

/// <summary><c>nurture db copy</c>: a pilot's SQLite database moved to a real PostgreSQL, every row and instant as it was.</summary>
public sealed class DbCopyTests
{
    [Fact]
    public async Task Copy_PilotDatabaseToEmptyPostgreSql_MovesEveryTableChecksTheCountsAndRefusesASecondCopy()
    {
        using var pilot = new NurtureServices(new Dictionary<string, string?> { ["Nurture:Storage:Provider"] = "Sqlite" });
        pilot.Get<NurtureHealth.Leads.LeadImporter>().ImportFile(Path.Combine(TestPaths.RepoRoot, "samples", "leads.ndjson"));
        await pilot.Get<NurtureHealth.Sequences.Enroller>().EnrollPendingAsync();
        await pilot.Get<NurtureCycle>().SendDueAsync();
        var file = pilot.Folder.File("nurture.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var target = await (await PostgreSqlServer.GetAsync()).CreateDatabaseAsync("copy");

        var copied = NurtureProcess.Run("db", "copy", "--db", file, "--to", target);
        var again = NurtureProcess.Run("db", "copy", "--db", file, "--to", target);

        Assert.True(copied.ExitCode == 0, copied.Stdout + copied.Stderr);
        Assert.Contains("every count matches", copied.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"touches\s+[1-9][\d,]*\s+[1-9][\d,]*", copied.Stdout);
        using var from = pilot.Db();
        await using var to = new NurtureDbContext(NurtureDatabase.Options(new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = target }));
        Assert.Equal(from.Touches.OrderBy(t => t.Id).Select(t => new { t.Id, t.Status, t.DueAt, t.SentAt }).ToList(),
            to.Touches.OrderBy(t => t.Id).Select(t => new { t.Id, t.Status, t.DueAt, t.SentAt }).ToList());
        Assert.Equal(from.Contacts.OrderBy(c => c.Id).Select(c => new { c.Id, c.Email, c.SmsConsent, c.CreatedAt }).ToList(),
            to.Contacts.OrderBy(c => c.Id).Select(c => new { c.Id, c.Email, c.SmsConsent, c.CreatedAt }).ToList());
        Assert.Equal(from.RejectedLeads.Count(), to.RejectedLeads.Count());

        // New rows continue after the copied ids.
        to.Imports.Add(new NurtureHealth.Leads.LeadImport { SourceName = "after-copy", Format = "ndjson", StartedAt = pilot.Clock.GetUtcNow() });
        await to.SaveChangesAsync();
        Assert.True(to.Imports.Single(i => i.SourceName == "after-copy").Id > from.Imports.Max(i => i.Id));

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("the PostgreSQL database is not empty: it holds", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was copied", again.Stderr, StringComparison.Ordinal);
    }
}
