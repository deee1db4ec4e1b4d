using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Locations;
using NurtureHealth.Messaging;
using NurtureHealth.Storage;

namespace NurtureHealth.HandOffs;

/// <summary>
/// Tells the location's staff about every hand-off not yet told, one email each, and records on the row whether it went
/// (<see cref="HandOff.NotifiedAt"/>, <see cref="HandOff.NotifyOutcome"/>). A mail server that cannot take it now leaves
/// the row and the rest for the next dispatch run; a location with no <c>staff_email</c> is recorded as not told.
/// </summary>
public sealed partial class StaffNotifier(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog locations,
    IEmailSender email,
    Templates.TemplateContent templates,
    IOptions<HandOffOptions> options,
    TimeProvider clock,
    ILogger<StaffNotifier> logger)
{
    /// <summary>Sends the staff email for every hand-off not yet told; returns how many went.</summary>
    public async Task<int> NotifyWaitingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var waiting = await db.HandOffs.Where(h => h.NotifiedAt == null).OrderBy(h => h.Id).ToListAsync(cancellationToken);
        var group = locations.Group;
        var told = 0;
        foreach (var handOff in waiting)
        {
            var location = group.Find(handOff.LocationId);
            if (location?.StaffEmail is not { } staff)
            {
                var why = location is null ? "the location is not known" : $"location {handOff.LocationId} has no staff_email";
                (handOff.NotifiedAt, handOff.NotifyOutcome) = (clock.GetUtcNow(), $"not sent: {why}");
                LogNoStaff(logger, handOff.Id, handOff.Reason, handOff.LocationId is "" ? "(unknown)" : handOff.LocationId);
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            var note = await StaffNoteAsync(db, handOff, location, cancellationToken);
            var result = await email.SendAsync(new OutgoingEmail(null, staff, group.Name, $"{location.Id}@{group.EmailFromDomain}", note.Subject,
                $"<pre>{System.Net.WebUtility.HtmlEncode(note.Text)}</pre>", note.Text, $"mailto:{staff}", $"handoff-{handOff.Id}@{group.EmailFromDomain}"), cancellationToken);
            if (result.Status == SendStatus.Transient)
            {
                LogNotifyRetry(logger, handOff.Id, result.Detail ?? "");
                break; // the mail server is having trouble: the rest wait for the next run
            }

            (handOff.NotifiedAt, handOff.NotifyOutcome) = (clock.GetUtcNow(), result.Status == SendStatus.Sent ? "sent" : $"failed: {result.Detail}");
            await db.SaveChangesAsync(cancellationToken);
            told += result.Status == SendStatus.Sent ? 1 : 0;
            LogHandedOff(logger, handOff.Id, handOff.Reason, location.Id, handOff.NotifyOutcome);
        }

        return told;
    }

    private async Task<StaffNote> StaffNoteAsync(NurtureDbContext db, HandOff handOff, Location location, CancellationToken cancellationToken)
    {
        var contact = handOff.ContactId is { } id ? await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) : null;
        if (handOff.Reason == HandOffReason.SmsReply)
        {
            return StaffNote.Reply(Words, handOff, contact?.FirstName, location);
        }

        if (handOff.Reason == HandOffReason.Reschedule)
        {
            return StaffNote.Reschedule(Words, handOff, contact?.FirstName, location);
        }

        var serviceLine = await db.Enrollments.Where(e => e.Id == handOff.EnrollmentId).Select(e => e.ServiceLine).SingleOrDefaultAsync(cancellationToken);
        var service = serviceLine is not null && locations.Group.ServiceLines.TryGetValue(serviceLine, out var line) ? line.Name : serviceLine ?? "";
        return StaffNote.HotLead(Words, handOff, contact?.FirstName ?? "", contact?.Phone, service, location, paused: options.Value.Then != "continue");
    }

    /// <summary>The staff read the group's working language: the English words (<c>templates/_strings/en.yaml</c>).</summary>
    private Templates.ContentStrings Words => templates.Current.Library.StringsFor("en");

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Hand-off {HandOffId} ({Reason}) to the staff of {LocationId}: {Outcome}")]
    private static partial void LogHandedOff(ILogger logger, long handOffId, string reason, string locationId, string outcome);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Warning,
        Message = "Hand-off {HandOffId} ({Reason}): location {LocationId} has no staff_email, so nobody was told; add staff_email to its location.yaml")]
    private static partial void LogNoStaff(ILogger logger, long handOffId, string reason, string locationId);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Warning, Message = "Hand-off {HandOffId}: the staff email could not be sent yet ({Detail}); it is tried again at the next run")]
    private static partial void LogNotifyRetry(ILogger logger, long handOffId, string detail);
}
