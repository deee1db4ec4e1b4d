using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;

namespace NurtureHealth.Tests.Leads;

/// <summary>Lead files written to hurt: every record-level failure is that record's rejection, and no file can poison the inbox.</summary>
public sealed class HostileIntakeTests : IDisposable
{
    private readonly NurtureServices _services = new();

    private string InboxPath => _services.Folder.File("inbox");

    [Fact]
    public void Import_LoneSurrogateEscapeInAName_RejectsThatRecordNamingTheFieldAndStoresTheRest()
    {
        var file = _services.Folder.Write("leads.ndjson", string.Join("\n",
            Some.NdjsonLine("a", email: "a@example.com"),
            Some.NdjsonLine("b", email: "b@example.com").Replace("\"first_name\":\"Maria\"", "\"first_name\":\"Ma\\ud800ria\"", StringComparison.Ordinal),
            Some.NdjsonLine("c", email: "c@example.com")));

        var report = _services.Get<LeadImporter>().ImportFile(file);

        Assert.Equal((3, 2), (report.Records, report.Accepted));
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal((2, "first_name", "invalid-text"), (rejection.Line, rejection.Field, rejection.Code));
        using var db = _services.Db();
        Assert.NotNull(db.Imports.Single().FinishedAt);
        Assert.Contains("\\ud800", Encoding.UTF8.GetString(db.RejectedLeads.Single().Raw), StringComparison.Ordinal); // kept as it came
    }

    [Fact]
    public void Inbox_FileWhoseImportFailsAsAWhole_MovesToRejectedAfterOneAttemptAndIsNeverRetriedIntoDuplicateRows()
    {
        using (var db = _services.Db())
        {
            // Something no record can cause: the database refuses one lead for a reason of its own.
            db.Database.ExecuteSqlRaw(TestStorage.OnPostgreSql
                ? "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.external_id = 'b' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$; " +
                  "CREATE TRIGGER refuse BEFORE INSERT ON leads FOR EACH ROW EXECUTE FUNCTION refuse();"
                : "CREATE TRIGGER refuse BEFORE INSERT ON leads WHEN NEW.external_id = 'b' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        }

        Directory.CreateDirectory(InboxPath);
        File.WriteAllText(Path.Combine(InboxPath, "web.ndjson"), string.Join("\n", Some.NdjsonLine("a", email: "a@example.com"), Some.NdjsonLine("b", email: "b@example.com")));
        var inbox = _services.Get<LeadInbox>();

        for (var look = 0; look < 5; look++)
        {
            inbox.ProcessOnce();
        }

        Assert.False(File.Exists(Path.Combine(InboxPath, "web.ndjson")));
        Assert.True(File.Exists(Path.Combine(InboxPath, "rejected", "web.ndjson")));
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(InboxPath, "rejected", "web.ndjson.report.json")));
        Assert.StartsWith($"the import failed ({(TestStorage.OnPostgreSql ? "PostgresException" : "SqliteException")})", report.RootElement.GetProperty("error").GetString());
        using var after = _services.Db();
        Assert.Equal(1, after.Imports.Count());
        Assert.Equal(0, after.RejectedLeads.Count());
        Assert.Equal(0, after.Leads.Count()); // the batch rolled back whole
        Assert.Contains(_services.Log.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("moved to rejected/", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_DatabaseLockedPartWay_FailsWithItsImportIdAndAResumeStoresTheRestWithoutAnyRowTwice()
    {
        using var folder = new TempFolder();
        var path = folder.File("nurture.db");
        // A write waits at most a second for another process's lock.
        var database = TestStorage.OnPostgreSql ? TestStorage.CreatePostgreSqlDatabase() : null;
        using var services = new NurtureServices(new Dictionary<string, string?>
        {
            ["Nurture:Storage:ConnectionString"] = TestStorage.OnPostgreSql ? database + ";Options=-c lock_timeout=1000" : $"Data Source={path};Default Timeout=1",
        });
        const int Total = LeadImporter.BatchSize + 700;
        var lines = Enumerable.Range(0, Total).Select(i => Some.NdjsonLine($"l{i}", email: $"p{i}@example.com", phone: "")).ToList();
        lines[12] = "{not json"; // one rejection in the first batch: it must not be written twice either
        var file = services.Folder.Write("big.ndjson", string.Join("\n", lines));
        var importer = services.Get<LeadImporter>();
        System.Data.Common.DbConnection? holder = null;

        // Another process takes the write lock once the first batch has been read.
        IEnumerable<ParsedRecord> LockingPartWay(IEnumerable<ParsedRecord> records)
        {
            var n = 0;
            foreach (var record in records)
            {
                if (++n == LeadImporter.BatchSize + 1)
                {
                    Thread.Sleep(500); // the first batch is being written
                    holder = TestStorage.OnPostgreSql ? new Npgsql.NpgsqlConnection(database + ";Pooling=false") : new SqliteConnection($"Data Source={path};Pooling=False");
                    holder.Open();
                    var locked = holder.BeginTransaction(); // SQLite: the write lock
                    if (TestStorage.OnPostgreSql)
                    {
                        using var lockTables = holder.CreateCommand();
                        lockTables.Transaction = locked;
                        lockTables.CommandText = "LOCK TABLE contacts IN EXCLUSIVE MODE"; // readers go on; the next batch cannot write its contacts
                        lockTables.ExecuteNonQuery();
                    }
                }

                yield return record;
            }
        }

        var (format, records) = LeadFileReader.Open(file);
        var failed = Assert.Throws<ImportFailedException>(() => importer.Import("big.ndjson", format, LockingPartWay(records)));
        holder!.Dispose();
        Assert.True(NurtureHealth.Storage.StorageFailure.IsUnavailable(failed));
        Assert.Equal(LeadImporter.BatchSize, failed.RecordsStored);

        var report = importer.ImportFile(file, resume: failed.ImportId);

        Assert.Equal((failed.ImportId, Total, Total - 1, 1), (report.ImportId, report.Records, report.Accepted, report.Rejected));
        using var db = services.Db();
        Assert.Equal(Total - 1, db.Leads.Count());
        Assert.Equal(1, db.RejectedLeads.Count());
        Assert.Equal(1, db.Imports.Count());
        Assert.NotNull(db.Imports.Single().FinishedAt);
    }

    [Fact]
    public void Read_CsvWhoseQuoteNeverClosesOverMegabytes_IsOneRejectionWithItsFirstMebibyteKept()
    {
        var csv = new StringBuilder("id,submitted_at,source,service_line,first_name,email\n");
        csv.Append("a,2026-11-20T15:04:05Z,guide-download,dermatology,Ana,ana@example.com\n");
        csv.Append("b,2026-11-20T15:04:05Z,guide-download,dermatology,\"Bea,bea@example.com\n");
        for (var i = 0; i < 60_000; i++)
        {
            csv.Append(CultureInfo(i)).Append(",2026-11-20T15:04:05Z,guide-download,dermatology,Cy,c@example.com\n");
        }

        var (_, records) = LeadFileReader.Open(_services.Folder.Write("broken.csv", csv.ToString()));
        var all = records.ToList();

        Assert.Equal(2, all.Count);
        Assert.Null(all[0].Error);
        Assert.Equal("malformed-record", all[1].Error!.Code);
        Assert.StartsWith("a quoted field is never closed, so the rest of the file was read as this one record", all[1].Error!.Message);
        Assert.Equal(NdjsonLeadReader.MaxRecordBytes, all[1].Raw.Length);
    }

    [Theory]
    [InlineData("first_name", "Ana\u202Egnp.exe", "invisible character (U+202E)")]
    [InlineData("first_name", "A\u200Bna", "invisible character (U+200B)")]
    [InlineData("first_name", "[Claim your prize](https://evil.example/login)", "web address")]
    [InlineData("first_name", "www.evil.example", "web address")]
    [InlineData("first_name", "=?utf-8?B?SGVsbG8=?=", "encoded word")]
    [InlineData("last_name", "<b>Lopez</b>", "markup characters")]
    [InlineData("id", "web-1\u001B[31m", "control or invisible characters")]
    [InlineData("id", "web-1\u2066", "control or invisible characters")]
    public void Validate_ControlInvisibleOrMarkupCharacters_AreRefusedWithTheField(string field, string value, string reason)
    {
        var validator = new LeadValidator(_services.Get<NurtureHealth.Locations.LocationCatalog>().Group, _services.Clock);

        var lead = validator.Validate(Some.Draft((field, value)), 1, out var errors);

        Assert.Null(lead);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PersianNameWithAZeroWidthNonJoinerBetweenLetters_IsAccepted()
    {
        var validator = new LeadValidator(_services.Get<NurtureHealth.Locations.LocationCatalog>().Group, _services.Clock);

        var lead = validator.Validate(Some.Draft(("first_name", "می\u200Cخواهم")), 1, out var errors);

        Assert.True(lead is not null, string.Join("; ", errors));
    }

    private static string CultureInfo(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _services.Dispose();
}
