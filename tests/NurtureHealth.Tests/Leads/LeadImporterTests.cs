using System.Text;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;

namespace NurtureHealth.Tests.Leads;

public sealed class LeadImporterTests : IDisposable
{
    private readonly NurtureServices _services = new();

    private LeadImporter Importer => _services.Get<LeadImporter>();

    [Fact]
    public void ImportFile_ShippedSamples_AcceptsMergesAndRejectsWithReasons()
    {
        var report = Importer.ImportFile(TestPaths.SampleLeads);

        Assert.True(report.Records >= 300);
        Assert.Equal(report.Records, report.Accepted + report.Rejected);
        Assert.Equal(report.Accepted, report.NewContacts + report.Merged);
        Assert.True(report.Merged >= 3);
        var codes = report.Rejections.Select(r => r.Code).ToHashSet();
        foreach (var code in new[]
                 {
                     "malformed-record", "not-utf8", "missing-field", "invalid-id", "duplicate-id", "invalid-timestamp", "unknown-source",
                     "unknown-service-line", "invalid-email", "invalid-phone", "no-contact", "invalid-name", "invalid-language",
                     "invalid-postal-code", "invalid-coordinates", "unknown-location", "invalid-consent", "wrong-type", "invalid-interest",
                 })
        {
            Assert.Contains(code, codes);
        }

        Assert.Equal(report.Accepted, report.ResolvedByLocation.Values.Sum() + report.UnresolvedByReason.Values.Sum());
        Assert.Equal(["beyond-max-distance", "no-position", "unknown-zip"], report.UnresolvedByReason.Keys.Order());

        using var db = _services.Db();
        Assert.Equal(report.Accepted, db.Leads.Count());
        Assert.Equal(report.Rejected, db.RejectedLeads.Count());
        Assert.Equal(report.NewContacts, db.Contacts.Count(c => c.MergedIntoId == null));
        var import = db.Imports.Single();
        Assert.Equal((report.Records, report.Accepted, report.Rejected), (import.Records, import.Accepted, import.Rejected));
        Assert.NotNull(import.FinishedAt);
    }

    [Fact]
    public void ImportFile_RejectedRecord_IsKeptWholeWithLineFieldAndReason()
    {
        var bad = Encoding.Latin1.GetBytes(Some.NdjsonLine("latin").Replace("Maria", "María", StringComparison.Ordinal));
        var path = _services.Folder.Write("leads.ndjson", [.. Encoding.UTF8.GetBytes(Some.NdjsonLine("ok") + "\n" + Some.NdjsonLine("bad-email", email: "nope") + "\n"), .. bad, (byte)'\n']);

        var report = Importer.ImportFile(path);

        Assert.Equal((3, 1, 2), (report.Records, report.Accepted, report.Rejected));
        using var db = _services.Db();
        var rows = db.RejectedLeads.OrderBy(r => r.Line).ToList();
        Assert.Equal((2, "bad-email", "email", "invalid-email"), (rows[0].Line, rows[0].ExternalId, rows[0].Field, rows[0].Code));
        Assert.Equal("email is not a valid address: it needs exactly one @ between a name and a domain", rows[0].Message);
        Assert.Equal(Some.NdjsonLine("bad-email", email: "nope"), Encoding.UTF8.GetString(rows[0].Raw));
        Assert.Equal((3, "not-utf8"), (rows[1].Line, rows[1].Code));
        Assert.Equal(bad, rows[1].Raw);
    }

    [Fact]
    public void ImportFile_SamePersonByEmailCaseOrPhoneFormat_MergesIntoOneContact()
    {
        var path = _services.Folder.Write("leads.ndjson", string.Join("\n",
            Some.NdjsonLine("a", email: "maria@example.com", phone: "(312) 555-0100"),
            Some.NdjsonLine("b", email: "MARIA@Example.com", phone: ""),
            Some.NdjsonLine("c", email: "", phone: "+1 312 555 0100"),
            Some.NdjsonLine("d", email: "other@example.com", phone: "(312) 555-0199")));

        var report = Importer.ImportFile(path);

        Assert.Equal((4, 2, 2), (report.Accepted, report.NewContacts, report.Merged));
        using var db = _services.Db();
        var maria = db.Contacts.Single(c => c.Email == "maria@example.com");
        Assert.Equal("+13125550100", maria.Phone);
        Assert.Equal(["a", "b", "c"], db.Leads.Where(l => l.ContactId == maria.Id).Select(l => l.ExternalId).OrderBy(x => x).ToList());
    }

    [Fact]
    public void ImportFile_LeadBridgingTwoKnownContacts_MergesTheYoungerIntoTheOlder()
    {
        Importer.ImportFile(_services.Folder.Write("first.ndjson", string.Join("\n",
            Some.NdjsonLine("x", email: "sam@example.com", phone: "(773) 555-0198"),
            Some.NdjsonLine("y", email: "sam.work@example.org", phone: "(312) 555-0197"))));

        var report = Importer.ImportFile(_services.Folder.Write("second.ndjson",
            Some.NdjsonLine("z", email: "sam@example.com", phone: "312.555.0197")));

        Assert.Equal((1, 0, 1), (report.Accepted, report.NewContacts, report.Merged));
        using var db = _services.Db();
        var older = db.Contacts.Single(c => c.Email == "sam@example.com");
        var younger = db.Contacts.Single(c => c.Email == "sam.work@example.org");
        Assert.Equal(older.Id, younger.MergedIntoId);
        Assert.Equal(["x", "y", "z"], db.Leads.Where(l => l.ContactId == older.Id).Select(l => l.ExternalId).OrderBy(x => x).ToList());

        // A later lead reaching the merged contact by its own phone lands on the survivor.
        Importer.ImportFile(_services.Folder.Write("third.ndjson", Some.NdjsonLine("w", email: "", phone: "(312) 555-0197")));
        Assert.Equal(older.Id, db.Leads.Single(l => l.ExternalId == "w").ContactId);
    }

    [Fact]
    public void ImportFile_SameFileTwice_StoresEachLeadOnce()
    {
        var path = _services.Folder.Write("leads.ndjson", Some.NdjsonLine("a") + "\n" + Some.NdjsonLine("b", email: "b@example.com", phone: ""));
        Importer.ImportFile(path);

        var again = Importer.ImportFile(path);

        Assert.Equal((0, 2), (again.Accepted, again.Rejected));
        Assert.All(again.Rejections, r => Assert.Equal("duplicate-id", r.Code));
        Assert.Equal("lead id 'a' was already imported; the stored lead is kept", again.Rejections[0].Message);
        using var db = _services.Db();
        Assert.Equal(2, db.Leads.Count());
    }

    [Fact]
    public void ImportFile_SameIdTwiceInOneFile_RejectsTheSecond()
    {
        var report = Importer.ImportFile(_services.Folder.Write("leads.ndjson", Some.NdjsonLine("a") + "\n" + Some.NdjsonLine("a", email: "x@example.com", phone: "")));

        var rejection = Assert.Single(report.Rejections);
        Assert.Equal(new RejectionSummary(2, "a", "id", "duplicate-id", "lead id 'a' already appears at line 1 of this file"), rejection);
    }

    [Fact]
    public void ImportFile_StoredLead_ReadsBackThroughEfCoreExactly()
    {
        var line = """{"id":"web-9","submitted_at":"2026-11-20T09:04:05-06:00","source":"web-form","service_line":"dental-implants","interest":"full arch","first_name":"Ana","last_name":"Ruiz","email":"ana@example.com","phone":"(602) 555-0184","postal_code":"85031","lat":33.49,"lon":-112.17,"language":"es","preferred_location":null,"consent":{"email":true,"sms":true,"sms_text":"Acepto","at":"2026-11-20T15:00:00Z"}}""";

        Importer.ImportFile(_services.Folder.Write("one.ndjson", line));

        using var db = _services.Db();
        var lead = db.Leads.AsNoTracking().Single();
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 4, 5, TimeSpan.Zero), lead.SubmittedAt);
        Assert.Equal(("dental-implants", "full arch", "Ana", "Ruiz"), (lead.ServiceLine, lead.Interest, lead.FirstName, lead.LastName));
        Assert.Equal(("ana@example.com", "+16025550184", "85031"), (lead.Email, lead.Phone, lead.PostalCode));
        Assert.Equal((33.49, -112.17), (lead.Lat!.Value, lead.Lon!.Value));
        Assert.Equal((true, true, "Acepto"), (lead.ConsentEmail!.Value, lead.ConsentSms, lead.ConsentSmsText));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero), lead.ConsentAt);
        Assert.Equal(("resolved", "phoenix-maryvale", "adriana-flores"), (lead.Status, lead.LocationId, lead.ProviderId));
        Assert.Equal(Some.Now, lead.ImportedAt);
        var contact = db.Contacts.AsNoTracking().Single();
        Assert.Equal((lead.Id > 0, contact.Id), (true, lead.ContactId));
        Assert.Equal(("es", true, "web-9"), (contact.Language, contact.SmsConsent, contact.SmsConsentLeadId));
    }

    [Fact]
    public void ImportFile_UnresolvedLead_IsStoredWithItsReason()
    {
        Importer.ImportFile(_services.Folder.Write("far.ndjson", Some.NdjsonLine("far").Replace("\"60614\"", "\"10001\"", StringComparison.Ordinal)));

        using var db = _services.Db();
        var lead = db.Leads.Single();
        Assert.Equal(("unresolved", null, "beyond-max-distance"), (lead.Status, lead.LocationId, lead.UnresolvedReason));
        Assert.StartsWith("nearest location offering dermatology is", lead.ResolutionNote);
    }

    [Fact]
    public void ImportFile_TenMegabyteFile_ImportsEveryRecord()
    {
        var builder = new StringBuilder();
        var count = 0;
        while (builder.Length < 10 * 1024 * 1024)
        {
            builder.Append(Some.NdjsonLine($"bulk-{count}", email: $"p{count}@example.com", phone: "", extra: $",\"interest\":\"{new string('z', 120)}\"")).Append('\n');
            count++;
        }

        var report = Importer.ImportFile(_services.Folder.Write("big.ndjson", builder.ToString()));

        Assert.Equal((count, count, 0), (report.Records, report.Accepted, report.Rejected));
        using var db = _services.Db();
        Assert.Equal(count, db.Leads.Count());
        Assert.Equal(count, db.Contacts.Count());
    }

    [Fact]
    public void ImportFile_Logs_CarryIdsButNoPersonalData()
    {
        Importer.ImportFile(TestPaths.SampleLeads);
        Importer.ImportFile(TestPaths.SampleCsv);

        var personal = LeadFileReader.Open(TestPaths.SampleLeads).Records.Concat(LeadFileReader.Open(TestPaths.SampleCsv).Records)
            .Where(r => r.Draft is not null)
            .SelectMany(r => new[] { r.Draft!["email"], r.Draft["phone"], r.Draft["last_name"], r.Draft["interest"] })
            .OfType<string>().Where(v => v.Length > 3).ToHashSet();
        var log = string.Join("\n", _services.Log.Lines);

        Assert.Contains("rejected the record at line", log);
        Assert.Contains("finished", log);
        // Whole words: a last name like "King" must not match the column booking_id in a SQL trace line.
        Assert.DoesNotContain(personal, value => System.Text.RegularExpressions.Regex.IsMatch(log, $@"(?<![\w.@+-]){System.Text.RegularExpressions.Regex.Escape(value)}(?![\w.@-])",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase));
    }

    [Fact]
    public void Import_FileBreaksPartWay_KeepsWhatWasReadAndSaysWhere()
    {
        static IEnumerable<ParsedRecord> Breaking()
        {
            foreach (var i in Enumerable.Range(1, 7))
            {
                yield return new ParsedRecord(i, [], new LeadDraft
                {
                    ["id"] = $"r{i}",
                    ["submitted_at"] = "2026-11-20T15:04:05Z",
                    ["source"] = "web-form",
                    ["service_line"] = "dermatology",
                    ["first_name"] = "Pat",
                    ["email"] = $"r{i}@example.com"
                }, null);
            }

            throw new IOException("the network share went away");
        }

        var error = Assert.Throws<LeadFileException>(() => Importer.Import("share.ndjson", LeadFileFormat.Ndjson, Breaking()));

        Assert.Equal("share.ndjson: reading stopped after 7 records: the network share went away", error.Message);
        using var db = _services.Db();
        Assert.Equal(7, db.Leads.Count());
        var import = db.Imports.Single();
        Assert.Equal(7, import.Accepted);
        Assert.NotNull(import.FinishedAt); // nothing more will come from a broken source: its import row is finished with what was read
    }

    public void Dispose() => _services.Dispose();
}
