using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Cycle;
using NurtureHealth.Leads;
using NurtureHealth.Privacy;
using NurtureHealth.Sequences;
using NurtureHealth.Tests.Host;
using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Privacy;

/// <summary>"Forget me": afterwards nothing of the person is in the database's bytes or the outbox, and they are never messaged again.</summary>
public sealed class ForgetTests : IDisposable
{
    private const string Email = "zelda.quixote@example.com";
    private const string Phone = "+13125550177";
    private static readonly string[] Traces = ["zelda", "quixote", "zq.second", "5550177", "555-0177", "psoriasis"];

    private readonly NurtureServices _services = new();

    [Fact]
    public async Task Forget_ByEmail_ErasesThePersonEverywhereKeepsOthersAndOnlyAHashStays()
    {
        Import(Lead("z-1", Email, "(312) 555-0177", "psoriasis flare-ups"),
            Lead("z-2", "zq.second@example.org", "312-555-0177", "psoriasis"), // the same person by number: merged into her contact, a second email
            Lead("ana-1", "ana@example.com", "(312) 555-0101", "eczema"),
            """{"id":"z-bad","submitted_at":"2026-11-20T15:04:05Z","source":"web-form","service_line":"no-such-line","first_name":"Zelda","email":"ZELDA.QUIXOTE@example.com","phone":"312.555.0177"}""");
        await _services.Get<Enroller>().EnrollPendingAsync();
        await _services.Get<NurtureCycle>().SendDueAsync();
        _services.Clock.SetUtcNow(Some.Now.AddDays(4).AddHours(2)); // the SMS check-in is due (after Thanksgiving), inside its window
        await _services.Get<NurtureCycle>().SendDueAsync();
        Assert.Contains(Phone, await File.ReadAllTextAsync(OutboxFile("sms.ndjson"))); // she was messaged both ways
        Assert.Contains(Directory.EnumerateFiles(OutboxFile("email")), f => File.ReadAllText(f).Contains(Email, StringComparison.Ordinal));

        if (TestStorage.OnPostgreSql)
        {
            await _services.Get<Forgetting>().ForgetAsync(Email, null, "test", CancellationToken.None);
        }
        else
        {
            // The real command, on the database file the services wrote.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var result = NurtureProcess.Run(_services.Folder.Path, Settings(), "forget", "--email", "Zelda.Quixote@Example.com", "--by", "privacy officer", "--db", _services.Folder.File("nurture.db"));
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            Assert.StartsWith("Erased 1 contact record(s) of this person: 1 contacts, 2 leads", result.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("zelda", result.Stdout + result.Stderr, StringComparison.OrdinalIgnoreCase);
            AssertNoTrace("the database file", ReadDatabaseBytes());
        }

        foreach (var file in Directory.EnumerateFiles(_services.Folder.File("outbox"), "*", SearchOption.AllDirectories))
        {
            AssertNoTrace(file, File.ReadAllBytes(file));
        }

        await using (var db = _services.Db())
        {
            Assert.Empty(db.Contacts.Where(c => c.Email == Email || c.Phone == Phone || c.FirstName == "Zelda"));
            Assert.Empty(db.Leads.Where(l => l.Email != null && l.Email.Contains("zelda")));
            Assert.Empty(db.RejectedLeads.Where(r => r.ExternalId == "z-bad"));
            Assert.Equal("ana@example.com", db.Contacts.Single(c => c.Email == "ana@example.com").Email); // others untouched
            Assert.Equal(3, db.Leads.Count()); // the report still counts her leads, placed where they were
            var suppressed = db.Suppressions.AsNoTracking().ToList();
            Assert.Equal(3, suppressed.Count(s => s.Address.StartsWith(AddressHasher.Prefix, StringComparison.Ordinal) && s.Reason == "erased"));
            Assert.DoesNotContain(suppressed, s => s.Address.Contains("zelda", StringComparison.Ordinal) || s.Address.Contains("555", StringComparison.Ordinal));
            var audit = db.PrivacyAudits.Single();
            Assert.Equal("forget", audit.Action);
            Assert.StartsWith(AddressHasher.Prefix, audit.Subject, StringComparison.Ordinal);
            AssertNoTrace("the audit row", Encoding.UTF8.GetBytes(audit.Subject + audit.Detail));
            Assert.All(db.Enrollments.Where(e => e.Status == EnrollmentStatus.OptedOut), e => Assert.Equal("erased on request", e.EndReason));
        }

        // She comes back through a form: the lead is stored (a new submission), but nothing is ever sent to her.
        Import(Lead("z-3", "ZELDA.QUIXOTE@example.com", "(312) 555-0177", "psoriasis"));
        await _services.Get<Enroller>().EnrollPendingAsync();
        _services.Clock.SetUtcNow(Some.Now.AddDays(10).AddHours(2));
        await _services.Get<NurtureCycle>().SendDueAsync();
        await using (var db = _services.Db())
        {
            var contact = db.Contacts.Single(c => c.Email == Email).Id;
            Assert.Empty(db.Touches.Where(t => t.ContactId == contact && t.Status == TouchStatus.Sent));
        }
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["Nurture__Links__SigningKey"] = "test-signing-key-that-is-long-enough-0123456789",
        ["Nurture__Locations__Path"] = TestPaths.Locations,
        ["Nurture__Templates__Path"] = TestPaths.Templates,
        ["Nurture__Outbox__Path"] = _services.Folder.File("outbox"),
    };

    private byte[] ReadDatabaseBytes() =>
        [.. new[] { "nurture.db", "nurture.db-wal" }.Select(_services.Folder.File).Where(File.Exists).SelectMany(File.ReadAllBytes)];

    private static void AssertNoTrace(string where, byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        foreach (var trace in Traces)
        {
            Assert.False(text.Contains(trace, StringComparison.OrdinalIgnoreCase), $"{where} still holds '{trace}'");
        }
    }

    private string OutboxFile(string name) => Path.Combine(_services.Folder.File("outbox"), name);

    private void Import(params string[] lines) =>
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write($"leads-{Guid.NewGuid():N}.ndjson", string.Join("\n", lines)));

    private static string Lead(string id, string email, string phone, string interest) =>
        $$$"""{"id":"{{{id}}}","submitted_at":"2026-11-20T15:04:05Z","source":"guide-download","service_line":"dermatology","interest":"{{{interest}}}","first_name":"{{{(id.StartsWith('z') ? "Zelda" : "Ana")}}}","last_name":"{{{(id.StartsWith('z') ? "Quixote" : "Ruiz")}}}","email":"{{{email}}}","phone":"{{{phone}}}","postal_code":"60614","language":"en","consent":{"email":true,"sms":true,"sms_text":"I agree. Reply STOP to opt out.","at":"2026-11-20T15:04:05Z"}}""";

    public void Dispose() => _services.Dispose();
}
