using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NurtureHealth.Leads;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// Opting out and back in, by channel, for everyone who shares the address: the suppression list, the opt-out and the
/// cancelling of their touches on that channel are one transaction, committed before any response goes back to the
/// patient; each enrollment then goes on with its next step on the other channel (planned by the next turn of the cycle, woken now).
/// </summary>
public sealed partial class Subscriptions(IDbContextFactory<NurtureDbContext> databases, TimeProvider clock, ILogger<Subscriptions> logger, IWorkArrived? arrived = null)
{
    /// <summary>The email address of a touch unsubscribes (one-click link). False when the touch is unknown.</summary>
    public async Task<bool> UnsubscribeEmailAsync(long touchId, string source, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var touch = await db.Touches.AsNoTracking().SingleOrDefaultAsync(t => t.Id == touchId, cancellationToken);
        var email = touch is null ? null : await db.Contacts.Where(c => c.Id == touch.ContactId).Select(c => c.Email).SingleOrDefaultAsync(cancellationToken);
        if (touch is null || email is null)
        {
            return false;
        }

        await OptOutAsync(db, Channel.Email, email, "unsubscribed", "unsubscribed from email", source, touch, cancellationToken);
        LogOptedOut(logger, "email", touchId, source);
        return true;
    }

    /// <summary>A number opts out of SMS everywhere (STOP). True when it was not opted out already.</summary>
    public async Task<bool> OptOutSmsAsync(string phone, string source, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var already = await db.Suppressions.AnyAsync(s => s.Channel == Channel.Sms && s.Address == phone, cancellationToken);
        await OptOutAsync(db, Channel.Sms, phone, "opted-out", "opted out of SMS (STOP)", source, null, cancellationToken);
        LogOptedOut(logger, "sms", null, source);
        return !already;
    }

    /// <summary>A number opts back in to SMS (START). True when it had opted out.</summary>
    public async Task<bool> OptInSmsAsync(string phone, string source, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var removed = await db.Suppressions.Where(s => s.Channel == Channel.Sms && s.Address == phone).ExecuteDeleteAsync(cancellationToken);
        foreach (var contact in await db.Contacts.Where(c => c.Phone == phone).ToListAsync(cancellationToken))
        {
            contact.SmsOptedOutAt = null;
            db.ContactEvents.Add(new ContactEvent { ContactId = contact.Id, Type = ContactEventType.OptedIn, Channel = Channel.Sms, At = now, Source = source, RecordedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        return removed > 0;
    }

    /// <summary>
    /// Suppresses the address, records the opt-out for everyone who has it, and stops the channel for them (their touches
    /// on it not yet started are cancelled, and each enrollment goes on with its next step) — one transaction.
    /// </summary>
    private async Task OptOutAsync(NurtureDbContext db, Channel channel, string address, string reason, string why, string source, Touch? touch,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Suppressions.AddAsync(db, channel, address, reason, source, now, cancellationToken);
        var contacts = channel == Channel.Sms
            ? await db.Contacts.Where(c => c.Phone == address).ToListAsync(cancellationToken)
            : await db.Contacts.Where(c => c.Email == address).ToListAsync(cancellationToken);
        foreach (var contact in contacts)
        {
            if (channel == Channel.Sms)
            {
                contact.SmsOptedOutAt ??= now;
            }
            else
            {
                contact.EmailOptedOutAt ??= now;
            }

            db.ContactEvents.Add(new ContactEvent
            {
                ContactId = contact.Id,
                TouchId = touch?.ContactId == contact.Id ? touch.Id : null,
                EnrollmentId = touch?.ContactId == contact.Id ? touch.EnrollmentId : null,
                Type = ContactEventType.OptedOut,
                Channel = channel,
                At = now,
                Source = source,
                RecordedAt = now,
            });
        }

        var stopped = await EnrollmentExits.StopChannelAsync(db, contacts.Select(c => c.Id).ToList(), channel, why, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (stopped > 0)
        {
            arrived?.Arrived(); // their next steps, on the other channel, are planned now
        }
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Opt-out of {Channel} recorded (touch {TouchId}) from {Source}")]
    private static partial void LogOptedOut(ILogger logger, string channel, long? touchId, string source);
}
