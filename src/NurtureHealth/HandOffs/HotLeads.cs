using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.HandOffs;

/// <summary>
/// Booking-link clicks that went <see cref="HandOffOptions.HotLeadAfter"/> without a booking, in enrollments still
/// active: each becomes a <see cref="HandOffReason.HotLead"/> hand-off (once per enrollment). Looked for on every
/// dispatch run; <see cref="NextAtAsync"/> tells the dispatch trigger when the next one turns hot.
/// </summary>
public sealed class HotLeads(IDbContextFactory<NurtureDbContext> databases, IOptions<HandOffOptions> options, TimeProvider clock)
{
    /// <summary>Hands off every hot lead found; returns how many.</summary>
    public async Task<int> HandOffAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.HotLeadAfter is not { } after)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var clicks = await Waiting(db).Where(x => x.At <= now - after).ToListAsync(cancellationToken);
        var found = 0;
        foreach (var click in clicks.GroupBy(c => c.Enrollment).Select(g => g.MinBy(c => c.At)!))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var contact = await db.Contacts.SingleAsync(c => c.Id == click.ContactId, cancellationToken);
            var enrollment = await db.Enrollments.SingleAsync(e => e.Id == click.Enrollment, cancellationToken);
            var hours = Math.Round((now - click.At).TotalHours);
            if (await StaffHandOffs.BeginAsync(db, contact, [enrollment], HandOffReason.HotLead, $"clicked to book {hours:0} hours ago and has not booked", now, options.Value,
                cancellationToken) is not null)
            {
                found++;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return found;
    }

    /// <summary>When the next booking-link click turns hot, if one is waiting.</summary>
    public async Task<DateTimeOffset?> NextAtAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.HotLeadAfter is not { } after)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var first = await Waiting(db).OrderBy(x => x.At).Select(x => (DateTimeOffset?)x.At).FirstOrDefaultAsync(cancellationToken);
        return first + after;
    }

    /// <summary>Clicks in active enrollments not handed off as hot before.</summary>
    private static IQueryable<Click> Waiting(NurtureDbContext db) => db.ContactEvents.AsNoTracking()
        .Where(c => c.Type == ContactEventType.Clicked && c.EnrollmentId != null)
        .Join(db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active), c => c.EnrollmentId, e => e.Id, (c, e) => new Click { At = c.At, Enrollment = e.Id, ContactId = e.ContactId })
        .Where(x => !db.HandOffs.Any(h => h.EnrollmentId == x.Enrollment && h.Reason != HandOffReason.SmsReply));

    private sealed class Click
    {
        public DateTimeOffset At { get; init; }
        public long Enrollment { get; init; }
        public long ContactId { get; init; }
    }
}
