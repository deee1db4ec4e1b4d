using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Storage;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;
using Appointment = Hl7.Fhir.Model.Appointment;
using AppointmentStatus = NurtureHealth.Touches.AppointmentStatus;

namespace NurtureHealth.Fhir;

/// <summary>
/// Reads the life of appointments: Appointments booked, arrived, fulfilled, cancelled or noshow, updated since the
/// watermark, for patients NurtureHealth knows. Each is one appointment record (<see cref="AppointmentBook"/>): a booking
/// ends that person's nurture and starts its reminders; a changed <c>start</c> is a reschedule; cancelled and noshow
/// stop the reminders and start recovery; arrived or fulfilled is attended. Reading it again changes nothing.
/// </summary>
public sealed partial class FhirBookingPoller(
    FhirConnection fhir,
    IDbContextFactory<NurtureDbContext> databases,
    EventRecorder recorder,
    AppointmentBook appointments,
    LocationCatalog locations,
    FhirStatus status,
    IOptions<FhirOptions> options,
    TimeProvider clock,
    ILogger<FhirBookingPoller> logger)
{
    /// <summary>The watermark's name.</summary>
    public const string Watermark = "bookings";

    /// <summary>Polls once; returns how many bookings were recorded.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            // The first poll starts now, not at the beginning of the clinic's history: a booking made before
            // NurtureHealth was running cannot be one it brought about, and reading years of Appointments would be slow.
            if (await FhirWatermarks.ReadAsync(db, Watermark, cancellationToken) is not { } watermark)
            {
                watermark = clock.GetUtcNow();
                await FhirWatermarks.MoveAsync(db, Watermark, watermark, watermark, cancellationToken);
            }

            var since = watermark - o.Overlap;
            var query = new SearchParams()
                .Where($"_lastUpdated=ge{since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}")
                .Where("status=booked,arrived,fulfilled,cancelled,noshow")
                .OrderBy("_lastUpdated")
                .LimitTo(o.PageSize);
            var (found, recorded, unreadable) = (0, 0, 0);
            await foreach (var page in FhirConnection.PagesAsync<Appointment>(fhir.Open(), query, cancellationToken))
            {
                found += page.Resources.Count;
                foreach (var appointment in page.Resources)
                {
                    // When it was booked (not when the visit is): nothing may be sent after this.
                    var at = FhirShape.Read(() => appointment.Meta?.LastUpdated) ?? clock.GetUtcNow();
                    // Relative or absolute on this server, with or without a version: every way R4 writes the Patient.
                    var patients = FhirShape.Read(() => appointment.Participant.Select(p => FhirReference.IdOf(p.Actor?.Reference, "Patient", o.BaseUrl)).OfType<string>().ToList());
                    var id = FhirShape.Read(() => appointment.Id);
                    if (patients is null || id is null)
                    {
                        unreadable++;
                        LogUnreadable(logger, id ?? "(no readable id)", string.Join(", ", FhirShape.Malformed(appointment)));
                        continue;
                    }

                    foreach (var contact in await ContactsAsync(db, patients.Select(id => $"Patient/{id}"), cancellationToken))
                    {
                        recorded += await ApplyAsync(appointment, contact, id, at, cancellationToken) ? 1 : 0;
                    }
                }

                if (page.Updated is { Count: > 0 } updated && updated.Max() is var newest)
                {
                    await FhirWatermarks.MoveAsync(db, Watermark, newest, clock.GetUtcNow(), cancellationToken);
                }
            }

            status.Succeeded("bookings", $"{found} Appointments read, {recorded} bookings recorded"
                + (unreadable > 0 ? $"; {unreadable} whose participants could not be read (see the log)" : ""), clock.GetUtcNow());
            LogPolled(logger, found, recorded);
            return recorded;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = status.PollFailed("bookings", "Appointments", e, clock.GetUtcNow());
            LogFailed(logger, failure.Reason);
            throw failure;
        }
    }

    /// <summary>One Appointment for one of its patients: the appointment record's change, or (no start given) the booking alone.</summary>
    private async Task<bool> ApplyAsync(Appointment appointment, long contact, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var state = FhirShape.Read(() => appointment.Status) switch
        {
            Appointment.AppointmentStatus.Cancelled => AppointmentStatus.Cancelled,
            Appointment.AppointmentStatus.Noshow => AppointmentStatus.NoShow,
            Appointment.AppointmentStatus.Arrived or Appointment.AppointmentStatus.Fulfilled => AppointmentStatus.Attended,
            _ => AppointmentStatus.Booked,
        };
        var start = FhirShape.Read(() => appointment.Start);
        var actors = FhirShape.Read(() => appointment.Participant.Select(p => p.Actor?.Reference).OfType<string>().ToList()) ?? [];
        string? Actor(string type) => actors.Select(a => FhirReference.IdOf(a, type, options.Value.BaseUrl)).OfType<string>().FirstOrDefault();
        var location = Actor("Location") is { } place ? locations.Group.Locations.FirstOrDefault(l => l.FhirId == place) : null;
        var provider = Actor("Practitioner") is { } practitioner
            ? locations.Group.Locations.SelectMany(l => l.Providers.Select(p => (Location: l, Provider: p))).FirstOrDefault(x => x.Provider.FhirId == practitioner && (location is null || x.Location == location))
            : default;
        try
        {
            return await appointments.ApplyAsync(new AppointmentNews(contact, $"Appointment/{id}", state, start, (location ?? provider.Location)?.Id, provider.Provider?.Id, null, at, "fhir"),
                cancellationToken) != "unchanged";
        }
        catch (AppointmentRejectedException e)
        {
            // Not enough to keep a record (no start, no location known): the booking still ends the nurture.
            LogNoRecord(logger, id, e.Message.Split(": ", 2)[^1]);
            return state is AppointmentStatus.Booked or AppointmentStatus.Attended
                && await recorder.RecordAsync(new NewContactEvent(contact, ContactEventType.Booked, null, at, "fhir", $"Appointment/{id}"), cancellationToken);
        }
    }

    /// <summary>The live contacts whose leads came from this FHIR Patient.</summary>
    private static async Task<List<long>> ContactsAsync(NurtureDbContext db, IEnumerable<string> patients, CancellationToken cancellationToken)
    {
        var references = patients.ToList();
        var ids = await db.Leads.Where(l => l.SourceReference != null && references.Contains(l.SourceReference)).Select(l => l.ContactId).Distinct().ToListAsync(cancellationToken);
        var live = new List<long>();
        foreach (var id in ids)
        {
            var current = id;
            while (await db.Contacts.Where(c => c.Id == current).Select(c => c.MergedIntoId).SingleAsync(cancellationToken) is { } merged)
            {
                current = merged;
            }

            live.Add(current);
        }

        return live.Distinct().ToList();
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "FHIR bookings poll: {Found} Appointments in the window, {Recorded} bookings recorded")]
    private static partial void LogPolled(ILogger logger, int found, int recorded);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "FHIR bookings poll: Appointment/{AppointmentId} cannot be read ({Elements} not what FHIR R4 allows), so its patient is unknown; it is skipped")]
    private static partial void LogUnreadable(ILogger logger, string appointmentId, string elements);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Warning, Message = "FHIR bookings poll: Appointment/{AppointmentId} keeps no appointment record ({Reason}); a booking still ends the nurture")]
    private static partial void LogNoRecord(ILogger logger, string appointmentId, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "FHIR bookings poll failed: {Reason}; the watermark did not move past the last page read")]
    private static partial void LogFailed(ILogger logger, string reason);
}
