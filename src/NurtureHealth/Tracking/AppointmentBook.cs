using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// Keeps each booking's appointment record as the scheduler reports it, and runs its journeys. Booked: the nurture
/// ends (a booking, credited to the last click) and the booked journey — confirmation and reminders — is planned.
/// A new start: every reminder not yet sent is cancelled and planned again for it. Cancelled or missed: the reminders
/// stop and a re-booking or no-show recovery journey starts. Attended: whatever was still open for it ends. The same
/// report twice changes nothing.
/// </summary>
public sealed partial class AppointmentBook(
    IDbContextFactory<NurtureDbContext> databases,
    EventRecorder recorder,
    SequenceContent content,
    StepPlanner planner,
    LocationCatalog locations,
    TimeProvider clock,
    ILogger<AppointmentBook> logger,
    IWorkArrived? arrived = null)
{
    /// <summary>Applies one report; returns what it changed (booked, rescheduled, cancelled, no-show, attended, unchanged).</summary>
    /// <exception cref="AppointmentRejectedException">The report cannot be applied (no start, no location); nothing changed.</exception>
    public async Task<string> ApplyAsync(AppointmentNews news, CancellationToken cancellationToken = default)
    {
        await CheckAsync(news, cancellationToken);
        if (news.Status is AppointmentStatus.Booked or AppointmentStatus.Attended)
        {
            // A booking (or a visit first heard of once it happened) ends the nurture (and any re-booking journey) and is credited to the last click; applied once per booking id.
            await recorder.RecordAsync(new NewContactEvent(news.ContactId, ContactEventType.Booked, null, news.At, news.Source, news.BookingId,
                ServiceLine: null), cancellationToken);
        }

        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.BookingId == news.BookingId, cancellationToken);
        if (appointment is not null && await db.AppointmentChanges.Where(c => c.AppointmentId == appointment.Id && c.Source != AppointmentReplies.Source)
                .MaxAsync(c => (DateTimeOffset?)c.At, cancellationToken) is { } latest && news.At < latest)
        {
            LogStale(logger, appointment.Id, news.Source);
            return "unchanged"; // an older report, replayed or arriving late: the later change stands
        }

        var change = appointment is null ? await CreateAsync(db, news, now, cancellationToken) : Change(appointment, news, now);
        if (change == "unchanged")
        {
            return change;
        }

        appointment ??= db.Appointments.Local.Single(a => a.BookingId == news.BookingId);
        await db.SaveChangesAsync(cancellationToken);
        db.AppointmentChanges.Add(new AppointmentChange
        {
            AppointmentId = appointment.Id,
            Change = change,
            Start = appointment.Start,
            At = news.At,
            Source = news.Source,
            RecordedAt = now,
        });
        var open = await db.Enrollments.Where(e => e.AppointmentId == appointment.Id && (e.Status == EnrollmentStatus.Active || e.Status == EnrollmentStatus.Paused))
            .ToListAsync(cancellationToken);
        var toPlan = new List<Enrollment>();
        switch (appointment.Status)
        {
            case AppointmentStatus.Booked when change == "rescheduled" && open.Count > 0:
                // Every reminder not yet sent is for the old time: cancel them and plan the journey again from its first step.
                await EnrollmentExits.CancelPendingAsync(db, open, $"cancelled: rescheduled to {appointment.Start:u}", cancellationToken);
                appointment.ConfirmationWrittenAt = null;
                appointment.ConfirmationWriteOutcome = null;
                foreach (var enrollment in open.Where(e => e.Status == EnrollmentStatus.Active))
                {
                    (enrollment.LocationId, enrollment.ProviderId) = (appointment.LocationId, appointment.ProviderId ?? enrollment.ProviderId);
                    enrollment.ContinueAfter(null, null, now, null);
                    toPlan.Add(enrollment);
                }

                break;
            case AppointmentStatus.Booked:
                // Booked again under the same id after a cancellation or a no-show: its re-booking or recovery journey has done its work.
                await EnrollmentExits.EndAsync(db, open, EnrollmentStatus.Booked, "the appointment was booked again", now, cancellationToken);
                toPlan.AddRange(await JourneyAsync(db, appointment, AppointmentStatus.Booked, now, cancellationToken));
                break;
            default:
                await EnrollmentExits.EndAsync(db, open, EnrollmentStatus.Completed, $"appointment {change}", now, cancellationToken);
                if (appointment.Status == AppointmentStatus.Attended)
                {
                    // The patient came: a no-show or re-booking journey still running for them has done its work.
                    var recovering = await db.Enrollments.Where(e => e.ContactId == appointment.ContactId && e.AppointmentId != null && e.AppointmentId != appointment.Id
                        && (e.Status == EnrollmentStatus.Active || e.Status == EnrollmentStatus.Paused)).ToListAsync(cancellationToken);
                    var stillBooked = await StillBooked.AmongAsync(db, recovering, cancellationToken);
                    await EnrollmentExits.EndAsync(db, recovering.Where(e => !stillBooked.Contains(e.AppointmentId!.Value)).ToList(), EnrollmentStatus.Booked,
                        "the patient attended an appointment", now, cancellationToken);
                }
                else
                {
                    toPlan.AddRange(await JourneyAsync(db, appointment, appointment.Status, now, cancellationToken));
                }

                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        await planner.PlanAsync(db, toPlan, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        arrived?.Arrived();
        LogApplied(logger, appointment.Id, change, appointment.LocationId, news.Source);
        return change;
    }

    /// <summary>A first report must say when and where (else the person's placement says where); refused before anything changes.</summary>
    private async Task CheckAsync(AppointmentNews news, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (news.LocationId is { } given && locations.Group.Find(given) is null)
        {
            throw new AppointmentRejectedException($"booking {news.BookingId}: location_id '{given}' is not a location in locations/");
        }

        if (await db.Appointments.AnyAsync(a => a.BookingId == news.BookingId, cancellationToken))
        {
            return;
        }

        if (news.Start is null)
        {
            throw new AppointmentRejectedException($"booking {news.BookingId}: start is missing; a first report of an appointment needs its start");
        }

        if (news.LocationId is null && !await db.Enrollments.AnyAsync(e => e.ContactId == news.ContactId, cancellationToken))
        {
            throw new AppointmentRejectedException($"booking {news.BookingId}: location_id is missing and the person was never placed at a location");
        }
    }

    private async Task<string> CreateAsync(NurtureDbContext db, AppointmentNews news, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = await db.Enrollments.AsNoTracking().Where(e => e.ContactId == news.ContactId).OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        var locationId = news.LocationId ?? latest?.LocationId;
        if (news.Start is not { } start)
        {
            throw new AppointmentRejectedException($"booking {news.BookingId}: start is missing; a first report of an appointment needs its start");
        }

        if (locationId is null || locations.Group.Find(locationId) is null)
        {
            throw new AppointmentRejectedException(locationId is null
                ? $"booking {news.BookingId}: location_id is missing and the person was never placed at a location"
                : $"booking {news.BookingId}: location_id '{locationId}' is not a location in locations/");
        }

        var appointment = new Appointment
        {
            ContactId = news.ContactId,
            BookingId = news.BookingId,
            Source = news.Source,
            LocationId = locationId,
            ProviderId = news.ProviderId ?? (locationId == latest?.LocationId ? latest?.ProviderId : null),
            ServiceLine = news.ServiceLine ?? latest?.ServiceLine ?? "",
            Start = start,
            Status = news.Status,
            BookedAt = news.At,
            UpdatedAt = now,
        };
        if (news.Status == AppointmentStatus.Booked)
        {
            // Booked again after a cancellation or a no-show: that one is recovered.
            appointment.RebooksId = await db.Appointments.Where(a => a.ContactId == news.ContactId && (a.Status == AppointmentStatus.Cancelled || a.Status == AppointmentStatus.NoShow)
                    && !db.Appointments.Any(b => b.RebooksId == a.Id))
                .OrderByDescending(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
        }

        db.Appointments.Add(appointment);
        return StoredName.Of(news.Status);
    }

    private static string Change(Appointment appointment, AppointmentNews news, DateTimeOffset now)
    {
        var moved = news.Start is { } start && start != appointment.Start;
        if (news.Status == appointment.Status && !moved)
        {
            return "unchanged";
        }

        var change = news.Status == AppointmentStatus.Booked && appointment.Status == AppointmentStatus.Booked ? "rescheduled" : StoredName.Of(news.Status);
        if (moved || news.Status == AppointmentStatus.Booked)
        {
            appointment.ConfirmedAt = moved ? null : appointment.ConfirmedAt; // a new time is to be confirmed again
        }

        appointment.Start = news.Start ?? appointment.Start;
        appointment.LocationId = news.LocationId is { } location && location.Length > 0 ? location : appointment.LocationId;
        appointment.ProviderId = news.ProviderId ?? appointment.ProviderId;
        (appointment.Status, appointment.UpdatedAt) = (news.Status, now);
        return change;
    }

    /// <summary>Starts the journey for this moment of the appointment, when the service line has one; returns it to plan.</summary>
    private async Task<List<Enrollment>> JourneyAsync(NurtureDbContext db, Appointment appointment, AppointmentStatus moment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sequence = content.Sequences.ForAppointment(appointment.ServiceLine, moment);
        var leadId = await db.Leads.Where(l => l.ContactId == appointment.ContactId).OrderByDescending(l => l.Id).Select(l => (long?)l.Id).FirstOrDefaultAsync(cancellationToken);
        if (sequence is null || leadId is null)
        {
            return [];
        }

        if (moment != AppointmentStatus.Booked)
        {
            // One re-booking or recovery journey at a time per person: a second cancellation or no-show takes over from the first's.
            // (Reminders are per appointment: two bookings, two sets of reminders.)
            var running = await db.Enrollments.Where(e => e.ContactId == appointment.ContactId && e.SequenceId == sequence.Id && e.Status == EnrollmentStatus.Active)
                .ToListAsync(cancellationToken);
            await EnrollmentExits.EndAsync(db, running, EnrollmentStatus.Completed, "another appointment took over", now, cancellationToken);
        }
        var language = await db.Contacts.Where(c => c.Id == appointment.ContactId).Select(c => c.Language).SingleAsync(cancellationToken);
        var enrollment = new Enrollment
        {
            ContactId = appointment.ContactId,
            LeadId = leadId.Value,
            SequenceId = sequence.Id,
            ServiceLine = appointment.ServiceLine,
            LocationId = appointment.LocationId,
            ProviderId = appointment.ProviderId,
            Language = language,
            AppointmentId = appointment.Id,
            EnrolledAt = now,
        };
        enrollment.ContinueAfter(null, null, now, null);
        db.Enrollments.Add(enrollment);
        return [enrollment];
    }

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Appointment {AppointmentId}: a report from {Source} older than its last change was ignored")]
    private static partial void LogStale(ILogger logger, long appointmentId, string source);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Appointment {AppointmentId} {Change} at {LocationId} (from {Source})")]
    private static partial void LogApplied(ILogger logger, long appointmentId, string change, string locationId, string source);
}
