using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Templates;
using NurtureHealth.Tracking;

namespace NurtureHealth.Messaging.Sms;

/// <summary>
/// What a patient texts back. Keywords are the whole message, any case, trimmed: STOP, STOPALL,
/// UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT opt out of all SMS everywhere (one confirmation);
/// START, YES, UNSTOP opt back in; HELP, INFO get the location's name and phone. Anything else is a
/// person talking: their enrollments pause and the location's staff are told, so a person answers.
/// </summary>
public sealed partial class InboundSms(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog locations,
    Subscriptions subscriptions,
    IEmailSender email,
    TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Scoring.ScoringOptions> scoring,
    ILogger<InboundSms> logger)
{
    private static readonly HashSet<string> Stop = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
    private static readonly HashSet<string> Start = ["START", "YES", "UNSTOP"];
    private static readonly HashSet<string> Help = ["HELP", "INFO"];

    /// <summary>Handles one inbound message; returns the reply to send, or null for none.</summary>
    public async Task<string?> HandleAsync(string from, string to, string body, string messageSid, CancellationToken cancellationToken)
    {
        var keyword = body.Trim().ToUpperInvariant();
        var group = locations.Group;
        if (Stop.Contains(keyword))
        {
            var first = await subscriptions.OptOutSmsAsync(from, "sms-keyword", cancellationToken);
            return first ? $"{group.Name}: you are unsubscribed and will get no more texts. Reply START to resubscribe." : null;
        }

        if (Start.Contains(keyword))
        {
            await subscriptions.OptInSmsAsync(from, "sms-keyword", cancellationToken);
            return $"{group.Name}: you are resubscribed to texts. Reply STOP to opt out.";
        }

        var location = await LocationForAsync(from, to, cancellationToken);
        if (Help.Contains(keyword))
        {
            return location is null
                ? $"{group.Name}. Reply STOP to opt out."
                : $"{location.Name}: {MessageRenderer.PhoneDisplay(location.Phone)}. Reply STOP to opt out.";
        }

        await HandOffAsync(from, body, messageSid, location, cancellationToken);
        return null;
    }

    private async Task HandOffAsync(string from, string body, string messageSid, Location? location, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var contacts = await db.Contacts.Where(c => c.Phone == from).ToListAsync(cancellationToken);
        var ids = contacts.Select(c => c.Id).ToList();
        var active = await db.Enrollments.Where(e => ids.Contains(e.ContactId) && e.Status == EnrollmentStatus.Active).ToListAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var enrollment in active)
            {
                (enrollment.Status, enrollment.EndReason) = (EnrollmentStatus.Paused, "the patient replied by SMS; handed to the location's staff");
                enrollment.UnengagedTouches = 0;
                enrollment.LastEngagedAt = now;
            }

            var enrollmentIds = active.Select(e => e.Id).ToList();
            await db.Touches.Where(t => enrollmentIds.Contains(t.EnrollmentId) && (t.Status == TouchStatus.Scheduled || t.Status == TouchStatus.Claimed))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TouchStatus.Cancelled).SetProperty(t => t.Outcome, "cancelled: paused, the patient replied"), cancellationToken);
            foreach (var person in contacts)
            {
                db.ContactEvents.Add(new ContactEvent { ContactId = person.Id, Type = ContactEventType.Replied, Channel = "sms", At = now, Source = "twilio", ExternalId = messageSid, RecordedAt = now });
                if (scoring.Value.Replied != 0)
                {
                    db.ScoreChanges.Add(Scoring.LeadScore.Apply(person, "behaviour: replied", scoring.Value.Replied, now, scoring.Value.HalfLife));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        LogReplied(logger, ids.Count, active.Count, location?.Id);
        if (location?.StaffEmail is not { } staff)
        {
            LogNoStaff(logger, location?.Id ?? "(unknown)");
            return;
        }

        var contact = contacts.FirstOrDefault();
        var text = $"""
            A patient replied to a text from {location.Name} and is waiting for a person to answer.

            First name: {contact?.FirstName ?? "(not known: the number is not a contact)"}
            Call or text back: {MessageRenderer.PhoneDisplay(from)}
            Their message: {body.Trim()}

            Automatic messages to them are paused.
            """;
        var id = $"reply-{messageSid}@{locations.Group.EmailFromDomain}";
        await email.SendAsync(new OutgoingEmail(0, staff, locations.Group.Name, $"{location.Id}@{locations.Group.EmailFromDomain}",
            $"A patient replied — please call back ({location.Name})", $"<pre>{System.Net.WebUtility.HtmlEncode(text)}</pre>", text,
            $"mailto:{staff}", id), cancellationToken);
    }

    /// <summary>The location whose number was texted, else the one the person is enrolled at.</summary>
    private async Task<Location?> LocationForAsync(string from, string to, CancellationToken cancellationToken)
    {
        var group = locations.Group;
        if (group.Locations.FirstOrDefault(l => l.SmsFrom == to || l.Phone == to) is { } texted)
        {
            return texted;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var locationId = await db.Contacts.Where(c => c.Phone == from)
            .Join(db.Enrollments, c => c.Id, e => e.ContactId, (c, e) => e)
            .OrderByDescending(e => e.Id).Select(e => e.LocationId).FirstOrDefaultAsync(cancellationToken);
        return locationId is null ? null : group.Find(locationId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound SMS from {Contacts} contact(s): {Paused} enrollment(s) paused and handed to staff at {LocationId}")]
    private static partial void LogReplied(ILogger logger, int contacts, int paused, string? locationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A patient replied but location {LocationId} has no staff_email: the reply is recorded and their messages paused, but nobody was notified")]
    private static partial void LogNoStaff(ILogger logger, string locationId);
}
