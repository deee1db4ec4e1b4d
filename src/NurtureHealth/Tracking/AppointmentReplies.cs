using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NurtureHealth.HandOffs;
using NurtureHealth.Storage;
using NurtureHealth.Templates;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// Answers to "Reply C to confirm, R to reschedule" from a number with an appointment still to come (the soonest, when
/// it has several): C confirms it — recorded in its history, written back to FHIR when that is on — and R asks staff
/// to find another time (a hand-off; its reminders go on until the scheduler moves it). A "C" or "R" from a number
/// with nothing booked is a person talking, and goes to staff like any other reply.
/// </summary>
public sealed partial class AppointmentReplies(
    IDbContextFactory<NurtureDbContext> databases,
    KeywordReplies replies,
    TemplateContent templates,
    TimeProvider clock,
    ILogger<AppointmentReplies> logger,
    IWorkArrived? arrived = null)
{
    /// <summary>The source of the changes a patient's text makes (confirmed, reschedule-requested).</summary>
    public const string Source = "sms-reply";

    /// <summary>Applies the answer; the text to send back, or null when the number has no appointment to come.</summary>
    public async Task<string?> AnswerAsync(ReplyIntent intent, string from, string body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var contacts = await db.Contacts.Where(c => c.Phone == from).Select(c => new { c.Id, c.Language }).ToListAsync(cancellationToken);
        var ids = contacts.Select(c => c.Id).ToList();
        var appointment = await db.Appointments.Where(a => ids.Contains(a.ContactId) && a.Status == AppointmentStatus.Booked && a.Start > now)
            .OrderBy(a => a.Start).ThenBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var location = appointment is null ? null : replies.Group.Find(appointment.LocationId);
        if (appointment is null || location is null)
        {
            return null;
        }

        var language = intent.Language.Length > 0 ? intent.Language : contacts.First(c => c.Id == appointment.ContactId).Language;
        var words = templates.Current.Library.StringsFor(language);
        var when = MessageRenderer.Appointment(appointment.Start, true, location.TimeZone, words).When;
        var confirming = intent.Kind == ReplyKind.Confirm;
        if (confirming)
        {
            appointment.ConfirmedAt ??= now;
        }
        else
        {
            appointment.RescheduleRequestedAt = now;
            db.HandOffs.Add(new HandOff
            {
                ContactId = appointment.ContactId,
                EnrollmentId = await db.Enrollments.Where(e => e.AppointmentId == appointment.Id).OrderByDescending(e => e.Id).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken),
                LocationId = location.Id,
                Reason = HandOffReason.Reschedule,
                Detail = $"asked by text to reschedule their appointment on {MessageRenderer.Appointment(appointment.Start, true, location.TimeZone, templates.Current.Library.StringsFor("en")).When}",
                Phone = from,
                Message = body.Trim(),
                At = now,
            });
        }

        db.AppointmentChanges.Add(new AppointmentChange
        {
            AppointmentId = appointment.Id,
            Change = confirming ? "confirmed" : "reschedule-requested",
            Start = appointment.Start,
            At = now,
            Source = "sms-reply",
            RecordedAt = now,
        });
        db.ContactEvents.Add(new ContactEvent { ContactId = appointment.ContactId, Type = ContactEventType.Replied, Channel = Channel.Sms, At = now, Source = "sms-reply", RecordedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (!confirming)
        {
            arrived?.Arrived(); // the staff notifier tells the location now
        }

        LogAnswered(logger, appointment.Id, confirming ? "confirmed" : "asked to reschedule", location.Id);
        var phone = MessageRenderer.PhoneDisplay(location.Phone);
        return words.Render(confirming ? "sms.confirmed" : "sms.reschedule", ("location", location.Name), ("when", when), ("phone", phone));
    }

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Appointment {AppointmentId}: the patient {Answer} by text ({LocationId})")]
    private static partial void LogAnswered(ILogger logger, long appointmentId, string answer, string locationId);
}
