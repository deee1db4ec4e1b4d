using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Messaging;
using NurtureHealth.Storage;
using NurtureHealth.Templates;
using NurtureHealth.Touches;

namespace NurtureHealth.Scoring;

/// <summary>
/// Hands hot leads to the location's staff: when a score crosses <see cref="HandOffOptions.AtScore"/> (decided where the
/// event is recorded, in its transaction) or a booking-link click goes <see cref="HandOffOptions.HotLeadAfter"/> without a
/// booking (found on each dispatch run). The enrollment pauses (or goes on, as configured), one <c>hand_offs</c> row is
/// kept, and the staff get one email with the minimum they need to call: first name, callback number, service, location,
/// why now. One hand-off per enrollment.
/// </summary>
public sealed partial class LeadHandOffs(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog locations,
    IEmailSender email,
    IOptions<HandOffOptions> options,
    TimeProvider clock,
    ILogger<LeadHandOffs> logger)
{
    /// <summary>
    /// Starts a hand-off of the contact's newest active enrollment inside the caller's unit of work; null when there is none
    /// or it was handed off before.
    /// </summary>
    public static async Task<HandOff?> BeginAsync(NurtureDbContext db, Contact contact, IEnumerable<Enrollment> open, string reason, string detail,
        DateTimeOffset now, HandOffOptions options, CancellationToken cancellationToken)
    {
        var enrollment = open.Where(e => e.Status == EnrollmentStatus.Active).MaxBy(e => e.Id);
        if (enrollment is null || await db.HandOffs.AnyAsync(h => h.EnrollmentId == enrollment.Id, cancellationToken)
            || db.HandOffs.Local.Any(h => h.EnrollmentId == enrollment.Id))
        {
            return null;
        }

        if (options.Sequence is { } next)
        {
            // Handed to staff and moved to the hand-off sequence, whose first step is planned like any other.
            await EnrollmentExits.EndAsync(db, [enrollment], EnrollmentStatus.Completed, $"handed to the location's staff ({detail}); moved to {next}", now, cancellationToken,
                "cancelled: handed to staff");
            if (!await db.Enrollments.AnyAsync(e => e.ContactId == enrollment.ContactId && e.SequenceId == next && e.Status == EnrollmentStatus.Active, cancellationToken))
            {
                db.Enrollments.Add(enrollment.ContinueIn(next, now));
            }
        }
        else if (options.Then == "pause")
        {
            await EnrollmentExits.PauseAsync(db, [enrollment], $"handed to the location's staff: {detail}", "cancelled: handed to staff", cancellationToken);
        }

        var handOff = new HandOff { ContactId = contact.Id, EnrollmentId = enrollment.Id, LocationId = enrollment.LocationId, Reason = reason, Detail = detail, At = now };
        db.HandOffs.Add(handOff);
        return handOff;
    }

    /// <summary>Finds hot leads, then tells the staff about every hand-off not yet told. Returns how many were told.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await FindHotLeadsAsync(cancellationToken);
        return await NotifyAsync(cancellationToken);
    }

    /// <summary>Booking-link clicks older than <see cref="HandOffOptions.HotLeadAfter"/> in enrollments still active: each is handed off.</summary>
    public async Task<int> FindHotLeadsAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.HotLeadAfter is not { } after)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var cutoff = now - after;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var clicks = await db.ContactEvents.AsNoTracking()
            .Where(c => c.Type == ContactEventType.Clicked && c.EnrollmentId != null && c.At <= cutoff)
            .Join(db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active), c => c.EnrollmentId, e => e.Id, (c, e) => new { c.At, Enrollment = e.Id, e.ContactId })
            .Where(x => !db.HandOffs.Any(h => h.EnrollmentId == x.Enrollment))
            .ToListAsync(cancellationToken);
        var found = 0;
        foreach (var click in clicks.GroupBy(c => c.Enrollment).Select(g => g.MinBy(c => c.At)!))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var contact = await db.Contacts.SingleAsync(c => c.Id == click.ContactId, cancellationToken);
            var enrollment = await db.Enrollments.SingleAsync(e => e.Id == click.Enrollment, cancellationToken);
            var hours = Math.Round((now - click.At).TotalHours);
            if (await BeginAsync(db, contact, [enrollment], HandOffReason.HotLead, $"clicked to book {hours:0} hours ago and has not booked", now, options.Value, cancellationToken) is not null)
            {
                found++;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return found;
    }

    /// <summary>When the next booking-link click becomes a hot lead, if one is waiting: the dispatch job wakes then.</summary>
    public async Task<DateTimeOffset?> NextHotLeadAtAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.HotLeadAfter is not { } after)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var first = await db.ContactEvents.AsNoTracking()
            .Where(c => c.Type == ContactEventType.Clicked && c.EnrollmentId != null)
            .Join(db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active), c => c.EnrollmentId, e => e.Id, (c, e) => new { c.At, Enrollment = e.Id })
            .Where(x => !db.HandOffs.Any(h => h.EnrollmentId == x.Enrollment))
            .OrderBy(x => x.At).Select(x => (DateTimeOffset?)x.At).FirstOrDefaultAsync(cancellationToken);
        return first + after;
    }

    /// <summary>Sends the staff email for every hand-off not yet told.</summary>
    public async Task<int> NotifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var waiting = await db.HandOffs.Where(h => h.NotifiedAt == null).OrderBy(h => h.Id).ToListAsync(cancellationToken);
        var group = locations.Group;
        var told = 0;
        foreach (var handOff in waiting)
        {
            var location = group.Find(handOff.LocationId);
            var contact = await db.Contacts.AsNoTracking().SingleAsync(c => c.Id == handOff.ContactId, cancellationToken);
            var serviceLine = await db.Enrollments.Where(e => e.Id == handOff.EnrollmentId).Select(e => e.ServiceLine).SingleOrDefaultAsync(cancellationToken);
            if (location?.StaffEmail is not { } staff)
            {
                (handOff.NotifiedAt, handOff.NotifyOutcome) = (clock.GetUtcNow(), $"not sent: location {handOff.LocationId} has no staff_email");
                LogNoStaff(logger, handOff.Id, handOff.LocationId);
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            var message = Message(handOff, contact, serviceLine is not null && group.ServiceLines.TryGetValue(serviceLine, out var line) ? line.Name : serviceLine ?? "", location,
                paused: options.Value.Then != "continue");
            var result = await email.SendAsync(new OutgoingEmail(0, staff, group.Name, $"{location.Id}@{group.EmailFromDomain}",
                $"Hot lead — please call {contact.FirstName} ({location.Name})", $"<pre>{System.Net.WebUtility.HtmlEncode(message)}</pre>", message,
                $"mailto:{staff}", $"handoff-{handOff.Id}@{group.EmailFromDomain}"), cancellationToken);
            if (result.Status == SendStatus.Transient)
            {
                LogNotifyRetry(logger, handOff.Id, result.Detail ?? "");
                break; // the mail server is having trouble: the rest wait for the next run
            }

            (handOff.NotifiedAt, handOff.NotifyOutcome) = (clock.GetUtcNow(), result.Status == SendStatus.Sent ? "sent" : $"failed: {result.Detail}");
            await db.SaveChangesAsync(cancellationToken);
            told += result.Status == SendStatus.Sent ? 1 : 0;
            LogHandedOff(logger, handOff.Id, handOff.Reason, location.Id);
        }

        return told;
    }

    /// <summary>The staff email: the minimum needed to call back. No message content, condition or history.</summary>
    internal static string Message(HandOff handOff, Contact contact, string service, Location location, bool paused) => $"""
        A patient is ready for a call from {location.Name}.

        First name: {contact.FirstName}
        Call back: {(contact.Phone is { } phone ? MessageRenderer.PhoneDisplay(phone) : "no phone number on file — reply to their last email instead")}
        Interested in: {service}
        Location: {location.Name}
        Why now: {handOff.Detail}

        {(paused ? "Their automatic messages in this sequence have stopped, so they hear from you next." : "Their messages carry on as planned.")}
        """.TrimEnd() + "\n";

    [LoggerMessage(Level = LogLevel.Information, Message = "Hand-off {HandOffId} ({Reason}) sent to the staff of {LocationId}")]
    private static partial void LogHandedOff(ILogger logger, long handOffId, string reason, string locationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-off {HandOffId}: location {LocationId} has no staff_email, so nobody was told; add staff_email to its location.yaml")]
    private static partial void LogNoStaff(ILogger logger, long handOffId, string locationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hand-off {HandOffId}: the staff email could not be sent yet ({Detail}); it is tried again at the next run")]
    private static partial void LogNotifyRetry(ILogger logger, long handOffId, string detail);
}
