using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Storage;
using NurtureHealth.Touches;
using Appointment = Hl7.Fhir.Model.Appointment;
using AppointmentStatus = NurtureHealth.Touches.AppointmentStatus;

namespace NurtureHealth.Fhir;

/// <summary>
/// Writes a patient's "C" back to the scheduling system (<c>Nurture:Fhir:WriteBack:Confirmations</c>): the Appointment is
/// read, the patient's <c>participant.status</c> set to <c>accepted</c>, and the Appointment updated with its version
/// (<c>If-Match</c>), so a change the scheduler made meanwhile is never overwritten — the next run reads it again.
/// Each confirmation is written once; one the server refuses is kept with the reason.
/// </summary>
public sealed partial class FhirConfirmations(
    FhirConnection fhir,
    IDbContextFactory<NurtureDbContext> databases,
    IOptions<FhirWriteBackOptions> options,
    TimeProvider clock,
    ILogger<FhirConfirmations> logger)
{
    private const string Prefix = "Appointment/";

    /// <summary>Writes the confirmations not yet written; returns how many were.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!fhir.Options.Enabled || !options.Value.Confirmations)
        {
            return 0;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var pending = await db.Appointments.Where(a => a.ConfirmedAt != null && a.ConfirmationWrittenAt == null && a.ConfirmationWriteOutcome == null
                && a.Status == AppointmentStatus.Booked && a.Source == "fhir" && a.BookingId.StartsWith(Prefix))
            .OrderBy(a => a.Id).Take(options.Value.BatchSize).ToListAsync(cancellationToken);
        var written = 0;
        var client = pending.Count > 0 ? fhir.Open() : null;
        foreach (var appointment in pending)
        {
            var patients = (await db.Leads.Where(l => l.ContactId == appointment.ContactId && l.SourceReference != null).Select(l => l.SourceReference!).ToListAsync(cancellationToken))
                .Select(r => FhirReference.IdOf(r, "Patient", fhir.Options.BaseUrl)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            try
            {
                var resource = await client!.ReadAsync<Appointment>(appointment.BookingId, ct: cancellationToken)
                    ?? throw new InvalidOperationException("the server returned no Appointment");
                var mine = resource.Participant.Where(p => FhirReference.IdOf(p.Actor?.Reference, "Patient", fhir.Options.BaseUrl) is { } id && patients.Contains(id)).ToList();
                if (mine.Count == 0)
                {
                    appointment.ConfirmationWriteOutcome = "not written: no participant of the Appointment is the patient";
                    continue;
                }

                mine.ForEach(p => p.Status = ParticipationStatus.Accepted);
                await client.UpdateAsync(resource, versionAware: true, ct: cancellationToken);
                appointment.ConfirmationWrittenAt = clock.GetUtcNow();
                written++;
            }
            catch (FhirOperationException e) when ((int)e.Status is 400 or 404 or 409 or 410 or 412 or 422)
            {
                // 409/412: the scheduler changed it meanwhile; read again next run. The others are kept with the reason.
                appointment.ConfirmationWriteOutcome = (int)e.Status is 409 or 412 ? null : $"refused: {FhirErrors.Describe(e)}";
                LogRefused(logger, appointment.Id, FhirErrors.Describe(e));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && FhirErrors.IsExpected(e))
            {
                LogUnavailable(logger, FhirErrors.Describe(e));
                break; // tried again at the next run
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return written;
    }

    [LoggerMessage(EventId = 5031, Level = LogLevel.Warning, Message = "FHIR confirmation of appointment {AppointmentId} not written: {Reason}")]
    private static partial void LogRefused(ILogger logger, long appointmentId, string reason);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Warning, Message = "FHIR confirmations: the server is unavailable ({Reason}); tried again at the next run")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
