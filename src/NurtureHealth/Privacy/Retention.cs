using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Messaging.Outbox;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Privacy;

/// <summary>
/// Keeps personal data no longer than <see cref="RetentionOptions"/> says: rejected records' raw bytes, the personal
/// fields of people whose sequences ended long ago (the report's counts stay), and the file outbox. Each purge that
/// removed anything leaves an audit row.
/// </summary>
public sealed partial class Retention(
    IDbContextFactory<NurtureDbContext> databases,
    IOptions<RetentionOptions> options,
    IOptions<OutboxOptions> outbox,
    TimeProvider clock,
    ILogger<Retention> logger)
{
    /// <summary>What one run purged.</summary>
    public sealed record Report(int RejectedRecords, int People, int OutboxEmails, int OutboxSms);

    /// <summary>Purges everything older than its period.</summary>
    public async Task<Report> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return new Report(0, 0, 0, 0); // a trigger left from before the switch: nothing is purged
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rejected = settings.RejectedRecordDays > 0 ? await PurgeRejectedAsync(db, now.AddDays(-settings.RejectedRecordDays), now, cancellationToken) : 0;
        var people = settings.EndedEnrollmentDays > 0 ? await PurgeEndedAsync(db, now.AddDays(-settings.EndedEnrollmentDays), now, cancellationToken) : 0;
        var (emails, sms) = settings.OutboxDays > 0 ? await PurgeOutboxAsync(db, now.AddDays(-settings.OutboxDays), now, cancellationToken) : (0, 0);
        var report = new Report(rejected, people, emails, sms);
        LogPurged(logger, rejected, people, emails, sms);
        return report;
    }

    private static async Task<int> PurgeRejectedAsync(NurtureDbContext db, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var empty = Array.Empty<byte>();
        var leads = await db.RejectedLeads.Where(r => r.RejectedAt < cutoff && r.Raw != empty).ExecuteUpdateAsync(s => s.SetProperty(r => r.Raw, empty), cancellationToken);
        var events = await db.RejectedEvents.Where(r => r.RejectedAt < cutoff && r.Raw != empty).ExecuteUpdateAsync(s => s.SetProperty(r => r.Raw, empty), cancellationToken);
        await AuditAsync(db, "purge-rejected-raw", $"raw bytes of {leads} rejected lead records and {events} rejected event lines rejected before {cutoff:u}", leads + events, now, cancellationToken);
        return leads + events;
    }

    private static async Task<int> PurgeEndedAsync(NurtureDbContext db, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // People not yet erased, with no lead since the cutoff, whose every enrollment ended before it.
        // People never enrolled (not placed, unreachable) count from their last lead; merged records' enrollments count as theirs.
        var roots = await db.Contacts
            .Where(c => c.MergedIntoId == null && (c.Email != null || c.Phone != null || c.FirstName != "") && c.LastLeadAt < cutoff)
            .Where(c => !db.Enrollments.Any(e => (e.ContactId == c.Id || db.Contacts.Any(m => m.MergedIntoId == c.Id && m.Id == e.ContactId))
                                                 && (e.EndedAt == null || e.EndedAt >= cutoff)))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var ids = await PersonalData.WithMergedAsync(db, roots, cancellationToken);
        var erased = await PersonalData.EraseAsync(db, ids, now, cancellationToken);
        await AuditAsync(db, "purge-ended-enrollments", $"{roots.Count} people whose sequences all ended before {cutoff:u}: {erased}", roots.Count, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return roots.Count;
    }

    private async Task<(int Emails, int Sms)> PurgeOutboxAsync(NurtureDbContext db, DateTimeOffset cutoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var files = new OutboxFiles(outbox.Value.Path);
        var emails = files.DeleteEmailsBefore(cutoff);
        var sms = files.DeleteSms((_, at) => at < cutoff);
        await AuditAsync(db, "purge-outbox", $"{emails} emails and {sms} SMS written to the file outbox before {cutoff:u}", emails + sms, now, cancellationToken);
        return (emails, sms);
    }

    private static async Task AuditAsync(NurtureDbContext db, string action, string detail, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (count > 0)
        {
            db.PrivacyAudits.Add(new PrivacyAudit { At = now, Action = action, Actor = "retention", Detail = detail });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information,
        Message = "Retention: raw bytes of {Rejected} rejected records, personal data of {People} people whose sequences ended, {Emails} outbox emails and {Sms} outbox SMS purged")]
    private static partial void LogPurged(ILogger logger, int rejected, int people, int emails, int sms);
}
