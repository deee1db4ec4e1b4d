using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using NurtureHealth.Cycle;
using NurtureHealth.Leads;
using NurtureHealth.Privacy;
using NurtureHealth.Sequences;
using NurtureHealth.Touches;

namespace NurtureHealth.Tests.Privacy;

/// <summary>The daily purge: each kind of personal data goes after its period, what the report counts stays, and each purge leaves an audit row.</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly NurtureServices _services = new(new Dictionary<string, string?>
    {
        ["Nurture:Retention:RejectedRecordDays"] = "30",
        ["Nurture:Retention:EndedEnrollmentDays"] = "90",
        ["Nurture:Retention:OutboxDays"] = "14",
    });

    [Fact]
    public async Task Purge_AfterEachPeriod_ErasesThatDataOnlyAndAuditsIt()
    {
        Import(Lead("keep-1", "ana@example.com"), Lead("gone-1", "bo@example.com"), """{"id":"bad","email":"not an address","first_name":"Cy"}""");
        await _services.Get<Enroller>().EnrollPendingAsync();
        await _services.Get<NurtureCycle>().SendDueAsync();
        await using (var db = _services.Db())
        {
            // Bo's sequence ended (booked) long ago; Ana's goes on.
            var bo = db.Contacts.Single(c => c.Email == "bo@example.com").Id;
            var enrollments = db.Enrollments.Where(e => e.ContactId == bo).ToList();
            await EnrollmentExits.EndAsync(db, enrollments, EnrollmentStatus.Booked, "booked", Some.Now, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var retention = _services.Get<Retention>();
        _services.Clock.SetUtcNow(Some.Now.AddDays(10));
        Assert.Equal(new Retention.Report(0, 0, 0, 0), await retention.PurgeAsync()); // nothing is old enough yet

        _services.Clock.SetUtcNow(Some.Now.AddDays(31));
        var emails = Directory.GetFiles(Path.Combine(_services.Folder.File("outbox"), "email"));
        foreach (var file in emails)
        {
            File.SetLastWriteTimeUtc(file, Some.Now.UtcDateTime); // written on the first day
        }

        var month = await retention.PurgeAsync();

        Assert.Equal(new Retention.Report(1, 0, emails.Length, 0), month);
        Assert.Empty(Directory.GetFiles(Path.Combine(_services.Folder.File("outbox"), "email")));
        await using (var db = _services.Db())
        {
            var rejected = db.RejectedLeads.AsNoTracking().Single();
            Assert.Empty(rejected.Raw);
            Assert.Equal("bad", rejected.ExternalId); // the reason stays, the patient's bytes go
            Assert.NotNull(db.Contacts.SingleOrDefault(c => c.Email == "bo@example.com")); // 90 days not yet passed
        }

        _services.Clock.SetUtcNow(Some.Now.AddDays(91));
        var quarter = await retention.PurgeAsync();

        Assert.Equal(1, quarter.People);
        await using (var db = _services.Db())
        {
            Assert.Null(db.Contacts.SingleOrDefault(c => c.Email == "bo@example.com"));
            Assert.Equal("ana@example.com", db.Contacts.Single(c => c.Email == "ana@example.com").Email); // still enrolled
            var boLead = db.Leads.Single(l => l.ExternalId == "gone-1");
            Assert.Equal((null, null, "", "chicago-lincoln-park"), (boLead.Email, boLead.Phone, boLead.FirstName, boLead.LocationId)); // counted, not named
            Assert.Equal(["purge-ended-enrollments", "purge-outbox", "purge-rejected-raw"], db.PrivacyAudits.Select(a => a.Action).OrderBy(a => a).ToList());
            Assert.All(db.PrivacyAudits, a => Assert.Equal("retention", a.Actor));
        }

        Assert.Equal(new Retention.Report(0, 0, 0, 0), await retention.PurgeAsync()); // nothing twice
    }

    [Fact]
    public async Task Purge_WithRetentionOff_PurgesNothingEvenFromATriggerLeftBefore()
    {
        using var off = new NurtureServices(new Dictionary<string, string?> { ["Nurture:Retention:Enabled"] = "false", ["Nurture:Retention:RejectedRecordDays"] = "1" });
        off.Get<LeadImporter>().ImportFile(off.Folder.Write("bad.ndjson", """{"id":"bad","email":"not an address","first_name":"Cy"}"""));
        off.Clock.SetUtcNow(Some.Now.AddDays(400));

        Assert.Equal(new Retention.Report(0, 0, 0, 0), await off.Get<Retention>().PurgeAsync());
        await using var db = off.Db();
        Assert.NotEmpty(db.RejectedLeads.AsNoTracking().Single().Raw);
    }

    [Fact]
    public void Hashes_MadeUnderTheSigningKeyBeforeARotation_StillMatch()
    {
        var before = new AddressHasher(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Nurture:Links:SigningKey"] = "old-key-0123456789-0123456789-0123" }).Build());
        var after = new AddressHasher(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nurture:Links:SigningKey"] = "new-key-0123456789-0123456789-0123",
            ["Nurture:Links:PreviousSigningKeys:0"] = "old-key-0123456789-0123456789-0123",
        }).Build());

        var stored = before.Hash(Channel.Email, "zelda@example.com")!;

        Assert.NotEqual(stored, after.Hash(Channel.Email, "zelda@example.com"));
        Assert.Contains(stored, after.Candidates(Channel.Email, "zelda@example.com"));
        Assert.DoesNotContain(stored, after.Candidates(Channel.Sms, "zelda@example.com"));
    }

    private void Import(params string[] lines) =>
        _services.Get<LeadImporter>().ImportFile(_services.Folder.Write($"leads-{Guid.NewGuid():N}.ndjson", string.Join("\n", lines)));

    private static string Lead(string id, string email) =>
        $$$"""{"id":"{{{id}}}","submitted_at":"2026-11-20T15:04:05Z","source":"guide-download","service_line":"dermatology","first_name":"Pat","email":"{{{email}}}","postal_code":"60614","language":"en","consent":{"email":true}}""";

    public void Dispose() => _services.Dispose();
}
