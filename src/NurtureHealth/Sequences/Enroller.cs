using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>
/// Enrolls newly imported, placed leads (<see cref="EnrollmentChoice"/>): a contact has at most one active enrollment per
/// sequence, so a re-submission while enrolled does not restart it. Each new enrollment is scored for fit and gets its
/// first step planned (<see cref="StepPlanner"/>) in the same transaction, so it is never seen without it.
/// </summary>
public sealed partial class Enroller(
    IDbContextFactory<NurtureDbContext> databases,
    EnrollmentChoice choice,
    StepPlanner planner,
    Scoring.LeadFit fit,
    TimeProvider clock,
    IOptions<ConsentOptions> consent,
    AddressHasher hasher,
    ILogger<Enroller> logger)
{
    private const int BatchSize = 1_000;

    /// <summary>Enrolls every lead not yet looked at; returns what became of them.</summary>
    public async Task<EnrollmentReport> EnrollPendingAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await EnrollBatchAsync(counts, cancellationToken))
        {
        }

        var report = new EnrollmentReport(counts.GetValueOrDefault(EnrollmentOutcome.Enrolled), counts.GetValueOrDefault(EnrollmentOutcome.AlreadyEnrolled),
            counts.GetValueOrDefault(EnrollmentOutcome.NotPlaced), counts.GetValueOrDefault(EnrollmentOutcome.NoSequence), counts.GetValueOrDefault(EnrollmentOutcome.Unreachable));
        if (report.Total > 0)
        {
            LogEnrolled(logger, report.Enrolled, report.AlreadyEnrolled, report.NotPlaced, report.NoSequence, report.Unreachable);
        }

        return report;
    }

    private async Task<bool> EnrollBatchAsync(Dictionary<string, int> counts, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);

        // One transaction from reading the leads to planning their first steps: a second enroller (another worker, a racing
        // run) waits, then finds these leads already taken.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseTurn.TakeAsync(db, DatabaseTurn.Enroll, cancellationToken);
        var leads = await db.Leads.Where(l => l.EnrollmentOutcome == null).OrderBy(l => l.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (leads.Count == 0)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var contacts = await LiveContacts.LoadAsync(db, leads.Select(l => l.ContactId).ToList(), cancellationToken);
        var contactIds = contacts.Values.Select(c => c.Id).Distinct().ToList();
        var enrolled = (await db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active && contactIds.Contains(e.ContactId))
            .Select(e => new { e.ContactId, e.SequenceId }).ToListAsync(cancellationToken)).Select(a => (a.ContactId, a.SequenceId)).ToHashSet();
        var reach = await ContactReach.LoadAsync(db, contacts.Values, consent.Value.Email, hasher, cancellationToken);
        var fresh = new List<(Enrollment Enrollment, Lead Lead, Contact Contact)>();
        foreach (var lead in leads)
        {
            var contact = contacts[lead.ContactId];
            var (outcome, sequence, location) = choice.For(lead, reach.Of(contact), id => enrolled.Contains((contact.Id, id)));
            lead.EnrollmentOutcome = outcome;
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            if (sequence is null || location is null)
            {
                continue;
            }

            enrolled.Add((contact.Id, sequence.Id));
            var enrollment = new Enrollment
            {
                ContactId = contact.Id,
                LeadId = lead.Id,
                SequenceId = sequence.Id,
                ServiceLine = lead.ServiceLine,
                LocationId = location.Id,
                ProviderId = lead.ProviderId,
                Language = contact.Language,
                EnrolledAt = now,
            };
            enrollment.ContinueAfter(null, null, now, null);
            db.Enrollments.Add(enrollment);
            fresh.Add((enrollment, lead, contact));
        }

        await db.SaveChangesAsync(cancellationToken); // enrollment ids for the touches
        foreach (var (enrollment, lead, contact) in fresh)
        {
            lead.EnrollmentId = enrollment.Id;
            db.ScoreChanges.AddRange(fit.Score(lead, contact, now));
        }

        var skipped = await planner.PlanAsync(db, fresh.Select(f => f.Enrollment).ToList(), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        planner.Count(skipped);
        return true;
    }

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information,
        Message = "Enrollment: {Enrolled} enrolled, {AlreadyEnrolled} already enrolled, {NotPlaced} not placed, {NoSequence} without a sequence, {Unreachable} unreachable")]
    private static partial void LogEnrolled(ILogger logger, int enrolled, int alreadyEnrolled, int notPlaced, int noSequence, int unreachable);
}
