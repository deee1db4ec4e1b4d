using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;

namespace NurtureHealth.Touches;

/// <summary>
/// The one way an enrollment stops sending, whatever stopped it — a booking, an opt-out, a reply, a hand-off: the state
/// change and the cancelling of every touch not yet started happen in the caller's unit of work, so they are one change.
/// A touch already being sent finishes; nothing after it goes.
/// </summary>
public static class EnrollmentExits
{
    /// <summary>Ends the enrollments (booked, opted out, completed) and cancels what they had not yet started (saying why on each touch).</summary>
    public static Task EndAsync(NurtureDbContext db, IReadOnlyCollection<Enrollment> enrollments, EnrollmentStatus status, string reason, DateTimeOffset now,
        CancellationToken cancellationToken, string? touchOutcome = null)
    {
        foreach (var enrollment in enrollments)
        {
            enrollment.End(status, reason, now);
        }

        return CancelAsync(db, enrollments.Select(e => e.Id).ToList(), touchOutcome ?? $"cancelled: {reason}", cancellationToken);
    }

    /// <summary>Pauses the enrollments (a person takes over) and cancels what they had not yet started, saying why on each touch.</summary>
    public static Task PauseAsync(NurtureDbContext db, IReadOnlyCollection<Enrollment> enrollments, string reason, string touchOutcome, CancellationToken cancellationToken)
    {
        foreach (var enrollment in enrollments)
        {
            enrollment.Pause(reason);
        }

        return CancelAsync(db, enrollments.Select(e => e.Id).ToList(), touchOutcome, cancellationToken);
    }

    /// <summary>
    /// One channel stops for these people (an unsubscribe, a STOP): their touches on it not yet started are cancelled — each
    /// taken exactly once — and each enrollment's next step is planned, so the other channel carries on. Returns how many.
    /// </summary>
    public static async Task<int> StopChannelAsync(NurtureDbContext db, IReadOnlyCollection<long> contactIds, Channel channel, string reason, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var taken = await db.Touches.Where(t => contactIds.Contains(t.ContactId) && t.Channel == channel && Touch.NotStarted.Contains(t.Status)).ToListAsync(cancellationToken);
        if (taken.Count == 0)
        {
            return 0;
        }

        var ids = taken.Select(t => t.EnrollmentId).Distinct().ToList();
        var enrollments = await db.Enrollments.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        foreach (var touch in taken)
        {
            touch.Cancel($"cancelled: {reason}");
            enrollments[touch.EnrollmentId].StepDone(touch, touch.DueAt < now ? now : touch.DueAt);
        }

        return taken.Count;
    }

    /// <summary>Cancels what these enrollments had not yet started, saying why, and leaves them open (a reschedule plans them again).</summary>
    public static Task CancelPendingAsync(NurtureDbContext db, IReadOnlyCollection<Enrollment> enrollments, string outcome, CancellationToken cancellationToken) =>
        CancelAsync(db, enrollments.Select(e => e.Id).ToList(), outcome, cancellationToken);

    private static async Task CancelAsync(NurtureDbContext db, List<long> enrollmentIds, string outcome, CancellationToken cancellationToken)
    {
        if (enrollmentIds.Count > 0)
        {
            await db.Touches.Where(t => enrollmentIds.Contains(t.EnrollmentId) && Touch.NotStarted.Contains(t.Status))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TouchStatus.Cancelled).SetProperty(t => t.Outcome, outcome), cancellationToken);
        }
    }
}
