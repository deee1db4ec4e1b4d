using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Scheduling;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>
/// Plans every enrollment's next step, whatever asked for it: a new enrollment (its first step), one moved here from
/// another sequence, one whose touch just settled (sent, skipped, failed, uncertain, cancelled for one channel). The
/// step after the last one is due its delay after it, moved into the send window and held to the person's caps; steps
/// that cannot run are written skipped with the reason; the sequence ends when no step is left.
/// </summary>
public sealed partial class StepPlanner(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog locations,
    SequenceContent content,
    TouchPlanner planner,
    TimeProvider clock,
    IOptions<ConsentOptions> consent,
    AddressHasher hasher,
    ILogger<StepPlanner> logger,
    Telemetry.NurtureMetrics? metrics = null)
{
    private const int BatchSize = 1_000;

    /// <summary>Plans the next step of every enrollment waiting for one, in the order their touches settled; returns how many.</summary>
    public async Task<int> PlanPendingAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var pending = await (from e in db.Enrollments.Where(e => e.PlanPending)
                                 join t in db.Touches on e.PlanAfterTouch equals t.Id into settled
                                 from t in settled.DefaultIfEmpty()
                                 orderby t == null ? 0 : 1, t!.DueAt, t!.Id, e.Id
                                 select e).Take(BatchSize).ToListAsync(cancellationToken);
            if (pending.Count == 0)
            {
                break;
            }

            var skipped = await PlanAsync(db, pending, clock.GetUtcNow(), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Count(skipped);
            total += pending.Count;
        }

        if (total > 0)
        {
            LogPlanned(logger, total);
        }

        return total;
    }

    /// <summary>Counts, once their unit of work is committed, the steps planned as skipped (<see cref="PlanAsync"/> returns them).</summary>
    internal void Count(IEnumerable<(Touch Touch, string SequenceId)> skipped)
    {
        foreach (var (touch, sequence) in skipped)
        {
            metrics?.Touch("skipped", touch.Channel?.ToString().ToLowerInvariant(), touch.LocationId, sequence);
        }
    }

    /// <summary>
    /// Plans, in the caller's unit of work, what follows each enrollment's <see cref="Enrollment.PlanAfterStep"/>; returns
    /// the steps planned as skipped, for the caller to <see cref="Count"/> once it has committed.
    /// </summary>
    public async Task<List<(Touch Touch, string SequenceId)>> PlanAsync(NurtureDbContext db, IReadOnlyList<Enrollment> enrollments, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var skipped = new List<(Touch, string)>();
        var group = locations.Group;
        var contacts = await LiveContacts.LoadAsync(db, enrollments.Select(e => e.ContactId).ToList(), cancellationToken);
        var leadIds = enrollments.Select(e => e.LeadId).Distinct().ToList();
        var sources = await db.Leads.AsNoTracking().Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Source, cancellationToken);
        var history = await CapHistory.LoadAsync(db, contacts.Values.Select(c => c.Id).Distinct().ToList(), now, [], cancellationToken);
        var reach = await ContactReach.LoadAsync(db, contacts.Values, consent.Value.Email, hasher, cancellationToken);
        var appointmentIds = enrollments.Select(e => e.AppointmentId).OfType<long>().Distinct().ToList();
        var appointments = appointmentIds.Count == 0 ? [] : await db.Appointments.Where(a => appointmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var enrollment in enrollments)
        {
            enrollment.Planned();
            if (enrollment.Status != EnrollmentStatus.Active)
            {
                continue;
            }

            var sequence = content.Sequences.Find(enrollment.SequenceId);
            var location = group.Find(enrollment.LocationId);
            if (sequence is null || location is null)
            {
                enrollment.End(EnrollmentStatus.Completed, sequence is null ? $"sequence {enrollment.SequenceId} was removed" : $"location {enrollment.LocationId} was removed", now);
                continue;
            }

            // After a hot reload the step may have moved: continue after the step by its id, by its old position only if it is gone.
            var last = enrollment.PlanAfterStep is not { } after ? -1
                : sequence.Steps.FirstOrDefault(s => s.Id == after)?.Index ?? Math.Min(enrollment.PlanAfterIndex ?? -1, sequence.Steps.Count - 1);
            var contact = contacts[enrollment.ContactId];
            var plan = planner.PlanAfter(enrollment, sequence, last, enrollment.PlanFrom ?? now, group, location, reach.Of(contact), history.All(contact.Id), now,
                sources.GetValueOrDefault(enrollment.LeadId), enrollment.AppointmentId is { } appointment ? appointments.GetValueOrDefault(appointment) : null);
            foreach (var touch in plan.Touches)
            {
                db.Touches.Add(touch);
                history.Planned(contact.Id, touch);
                if (touch.Status == TouchStatus.Skipped)
                {
                    skipped.Add((touch, enrollment.SequenceId));
                }
            }

            if (plan.Exit is { } exit)
            {
                enrollment.End(exit, plan.ExitReason!, now);
                if (exit == EnrollmentStatus.Disengaged && sequence.DisengageTo is { } target && content.Sequences.Find(target) is not null
                    && !await db.Enrollments.AnyAsync(e => e.ContactId == enrollment.ContactId && e.SequenceId == target && e.Status == EnrollmentStatus.Active, cancellationToken))
                {
                    // Silent, not gone: the re-engagement sequence takes over, and its first step is planned like any other.
                    enrollment.EndReason = $"{plan.ExitReason}; moved to {target}";
                    db.Enrollments.Add(enrollment.ContinueIn(target, now));
                }
            }
        }

        return skipped;
    }

    [LoggerMessage(EventId = 2503, Level = LogLevel.Debug, Message = "Planned the next step of {Count} enrollments")]
    private static partial void LogPlanned(ILogger logger, int count);
}
