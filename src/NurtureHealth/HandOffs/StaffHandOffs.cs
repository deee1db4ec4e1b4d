using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.HandOffs;

/// <summary>
/// The one place a patient is handed to the location's staff, inside the caller's unit of work: what happens to their
/// enrollments, and the <c>hand_offs</c> row that <see cref="StaffNotifier"/> then tells the staff about. A score or a
/// hot lead hands off the newest active enrollment once; a reply by SMS pauses every active enrollment of the number,
/// every time, because a person is waiting for an answer.
/// </summary>
public static class StaffHandOffs
{
    /// <summary>
    /// Hands off the contact's newest active enrollment for <paramref name="reason"/> (<see cref="HandOffReason.Score"/> or
    /// <see cref="HandOffReason.HotLead"/>), then does what <see cref="HandOffOptions.Then"/> says; null when there is no
    /// active enrollment or it was handed off before.
    /// </summary>
    public static async Task<HandOff?> BeginAsync(NurtureDbContext db, Contact contact, IEnumerable<Enrollment> open, string reason, string detail,
        DateTimeOffset now, HandOffOptions options, CancellationToken cancellationToken)
    {
        var enrollment = open.Where(e => e.Status == EnrollmentStatus.Active).MaxBy(e => e.Id);
        if (enrollment is null || await db.HandOffs.AnyAsync(h => h.EnrollmentId == enrollment.Id && h.Reason != HandOffReason.SmsReply, cancellationToken)
            || db.HandOffs.Local.Any(h => h.EnrollmentId == enrollment.Id && h.Reason != HandOffReason.SmsReply))
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

        return Add(db, new HandOff { ContactId = contact.Id, EnrollmentId = enrollment.Id, LocationId = enrollment.LocationId, Reason = reason, Detail = detail, At = now });
    }

    /// <summary>
    /// A patient texted back: every active enrollment of the number pauses (they hear from a person next) and one
    /// <see cref="HandOffReason.SmsReply"/> hand-off keeps their words for the staff of <paramref name="locationId"/>.
    /// </summary>
    public static async Task<HandOff> ReplyAsync(NurtureDbContext db, IReadOnlyList<Contact> contacts, IReadOnlyList<Enrollment> active, string phone, string message,
        bool maybeStop, string? locationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EnrollmentExits.PauseAsync(db, active, "the patient replied by SMS; handed to the location's staff", "cancelled: paused, the patient replied", cancellationToken);
        foreach (var enrollment in active)
        {
            enrollment.Engaged(now);
        }

        // The person the reply is about: the one last enrolled at the location, else the first with the number.
        var newest = active.Where(e => e.LocationId == locationId).MaxBy(e => e.Id) ?? active.MaxBy(e => e.Id);
        return Add(db, new HandOff
        {
            ContactId = newest?.ContactId ?? contacts.FirstOrDefault()?.Id,
            EnrollmentId = newest?.Id,
            LocationId = locationId ?? "",
            Reason = HandOffReason.SmsReply,
            Detail = maybeStop ? "replied by SMS, and might be asking to stop texts" : "replied by SMS",
            Phone = phone,
            Message = message.Trim(),
            MaybeStop = maybeStop,
            At = now,
        });
    }

    private static HandOff Add(NurtureDbContext db, HandOff handOff)
    {
        db.HandOffs.Add(handOff);
        return handOff;
    }
}
