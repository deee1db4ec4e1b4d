using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Messaging;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>How enrollment treated the leads it looked at.</summary>
public sealed record EnrollmentReport(int Enrolled, int AlreadyEnrolled, int NotPlaced, int NoSequence, int Unreachable)
{
    /// <summary>Leads looked at.</summary>
    public int Total => Enrolled + AlreadyEnrolled + NotPlaced + NoSequence + Unreachable;
}

/// <summary>
/// Enrolls newly imported, placed leads: the sequence is chosen by service line and lead source; a
/// contact has at most one active enrollment per sequence, so a re-submission while enrolled does not
/// restart it. Unplaced leads are not enrolled. Each enrollment gets its first touch planned.
/// </summary>
public sealed partial class Enroller(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog locations,
    SequenceContent content,
    TouchPlanner planner,
    TimeProvider clock,
    IOptions<ConsentOptions> consent,
    IOptions<Scoring.ScoringOptions> scoring,
    ILogger<Enroller> logger)
{
    private const int BatchSize = 1_000;

    /// <summary>Outcomes written to <see cref="Lead.EnrollmentOutcome"/>.</summary>
    public static class Outcome
    {
        public const string Enrolled = "enrolled";
        public const string AlreadyEnrolled = "already-enrolled";
        public const string NotPlaced = "not-placed";
        public const string NoSequence = "no-sequence";
        public const string Unreachable = "unreachable";
    }

    /// <summary>Enrolls every lead not yet looked at; returns what became of them.</summary>
    public async Task<EnrollmentReport> EnrollPendingAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var group = locations.Group;
        while (true)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);

            // One transaction from reading the leads to writing their first touches: an enrollment is never seen without its
            // first touch, and a second enroller (another worker, a racing run) waits, then finds these leads already taken.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var leads = await db.Leads.Where(l => l.EnrollmentOutcome == null).OrderBy(l => l.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (leads.Count == 0)
            {
                break;
            }

            var now = clock.GetUtcNow();
            var contacts = await Contacts(db, leads.Select(l => l.ContactId).ToList(), cancellationToken);
            var contactIds = contacts.Values.Select(c => c.Id).Distinct().ToList();
            var active = await db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active && contactIds.Contains(e.ContactId))
                .Select(e => new { e.ContactId, e.SequenceId }).ToListAsync(cancellationToken);
            var enrolled = active.Select(a => (a.ContactId, a.SequenceId)).ToHashSet();
            var history = await TouchHistory.LoadAsync(db, contactIds, now, cancellationToken);
            var suppressedEmail = await Tracking.Suppressions.FindAsync(db, Channel.Email, contacts.Values.Select(c => c.Email).OfType<string>().ToList(), cancellationToken);
            var suppressedSms = await Tracking.Suppressions.FindAsync(db, Channel.Sms, contacts.Values.Select(c => c.Phone).OfType<string>().ToList(), cancellationToken);
            Reachability Reach(Contact c) => Enroller.Reach(c, consent.Value.Email,
                c.Email is null ? null : suppressedEmail.GetValueOrDefault(c.Email), c.Phone is null ? null : suppressedSms.GetValueOrDefault(c.Phone));
            var fresh = new List<(Enrollment Enrollment, Lead Lead, Contact Contact, Sequence Sequence, Location Location)>();
            foreach (var lead in leads)
            {
                var contact = contacts[lead.ContactId];
                var sequence = content.Sequences.Choose(lead.ServiceLine, lead.Source);
                var location = lead.LocationId is null ? null : group.Find(lead.LocationId);
                lead.EnrollmentOutcome =
                    lead.Status != "resolved" || location is null ? Outcome.NotPlaced
                    : sequence is null ? Outcome.NoSequence
                    : enrolled.Contains((contact.Id, sequence.Id)) ? Outcome.AlreadyEnrolled
                    : !Reach(contact).Any ? Outcome.Unreachable
                    : Outcome.Enrolled;
                counts[lead.EnrollmentOutcome] = counts.GetValueOrDefault(lead.EnrollmentOutcome) + 1;
                if (lead.EnrollmentOutcome != Outcome.Enrolled)
                {
                    continue;
                }

                enrolled.Add((contact.Id, sequence!.Id));
                var enrollment = new Enrollment
                {
                    ContactId = contact.Id,
                    LeadId = lead.Id,
                    SequenceId = sequence.Id,
                    ServiceLine = lead.ServiceLine,
                    LocationId = location!.Id,
                    ProviderId = lead.ProviderId,
                    Language = contact.Language,
                    EnrolledAt = now,
                };
                db.Enrollments.Add(enrollment);
                fresh.Add((enrollment, lead, contact, sequence, location));
            }

            await db.SaveChangesAsync(cancellationToken); // enrollment ids for the touches
            foreach (var (enrollment, lead, contact, sequence, location) in fresh)
            {
                lead.EnrollmentId = enrollment.Id;
                foreach (var (rule, points) in Fit(lead))
                {
                    db.ScoreChanges.Add(Scoring.LeadScore.Apply(contact, rule, points, now, scoring.Value.HalfLife));
                }

                var plan = planner.PlanAfter(enrollment, sequence, -1, now, group, location, Reach(contact), history[contact.Id], now, lead.Source);
                foreach (var touch in plan.Touches)
                {
                    db.Touches.Add(touch);
                    if (touch.Status == TouchStatus.Scheduled && touch.Channel is { } channel)
                    {
                        history[contact.Id].Add(new Scheduling.PlannedMessage(touch.DueAt, channel));
                    }
                }

                if (plan.Exit is { } exit)
                {
                    enrollment.End(exit, plan.ExitReason!, now);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await StartMovedAsync(cancellationToken);
        var report = new EnrollmentReport(counts.GetValueOrDefault(Outcome.Enrolled), counts.GetValueOrDefault(Outcome.AlreadyEnrolled),
            counts.GetValueOrDefault(Outcome.NotPlaced), counts.GetValueOrDefault(Outcome.NoSequence), counts.GetValueOrDefault(Outcome.Unreachable));
        if (report.Total > 0)
        {
            LogEnrolled(logger, report.Enrolled, report.AlreadyEnrolled, report.NotPlaced, report.NoSequence, report.Unreachable);
        }

        return report;
    }

    /// <summary>
    /// Enrollments made without a touch — a disengaged lead moved to its re-engagement sequence (<c>disengage_to</c>) —
    /// get their first touch planned here, the same way a new lead's is.
    /// </summary>
    private async Task StartMovedAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.Enrollments.Where(e => e.Status == EnrollmentStatus.Active && !db.Touches.Any(t => t.EnrollmentId == e.Id))
            .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (moved.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var group = locations.Group;
        var contacts = await Contacts(db, moved.Select(e => e.ContactId).Distinct().ToList(), cancellationToken);
        var leadIds = moved.Select(e => e.LeadId).ToList();
        var sources = await db.Leads.Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Source, cancellationToken);
        var history = await TouchHistory.LoadAsync(db, contacts.Keys.ToList(), now, cancellationToken);
        var suppressedEmail = await Tracking.Suppressions.FindAsync(db, Channel.Email, contacts.Values.Select(c => c.Email).OfType<string>().ToList(), cancellationToken);
        var suppressedSms = await Tracking.Suppressions.FindAsync(db, Channel.Sms, contacts.Values.Select(c => c.Phone).OfType<string>().ToList(), cancellationToken);
        foreach (var enrollment in moved)
        {
            var contact = contacts[enrollment.ContactId];
            var sequence = content.Sequences.Find(enrollment.SequenceId);
            var location = group.Find(enrollment.LocationId);
            if (sequence is null || location is null)
            {
                enrollment.End(EnrollmentStatus.Completed, $"{(sequence is null ? "sequence" : "location")} no longer exists", now);
                continue;
            }

            var reach = Reach(contact, consent.Value.Email, contact.Email is null ? null : suppressedEmail.GetValueOrDefault(contact.Email),
                contact.Phone is null ? null : suppressedSms.GetValueOrDefault(contact.Phone));
            var plan = planner.PlanAfter(enrollment, sequence, -1, now, group, location, reach, history[contact.Id], now, sources.GetValueOrDefault(enrollment.LeadId));
            db.Touches.AddRange(plan.Touches);
            if (plan.Exit is { } exit)
            {
                enrollment.End(exit, plan.ExitReason!, now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Which channels can reach a contact: consent, opt-outs and the suppression list.</summary>
    public static Reachability Reach(Contact c, EmailConsentPolicy policy = EmailConsentPolicy.Implied, string? emailSuppressed = null, string? smsSuppressed = null) =>
        new(c.Email is not null, policy == EmailConsentPolicy.Explicit ? c.EmailConsent != true : c.EmailConsent == false, c.EmailOptedOutAt is not null,
            c.Phone is not null, c.SmsConsent, c.SmsOptedOutAt is not null)
        {
            EmailSuppressed = emailSuppressed,
            SmsSuppressed = smsSuppressed,
        };

    /// <summary>The live contact for each id (following merges).</summary>
    private static async Task<Dictionary<long, Contact>> Contacts(NurtureDbContext db, List<long> ids, CancellationToken cancellationToken)
    {
        var loaded = await db.Contacts.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var result = new Dictionary<long, Contact>();
        foreach (var id in ids.Distinct())
        {
            var contact = loaded[id];
            while (contact.MergedIntoId is { } target)
            {
                contact = loaded.TryGetValue(target, out var next) ? next : await db.Contacts.SingleAsync(c => c.Id == target, cancellationToken);
                loaded[contact.Id] = contact;
            }

            result[id] = contact;
        }

        return result;
    }

    /// <summary>The fit rules a new lead meets (<see cref="Scoring.ScoringOptions"/>): its source, its service line, how near it lives.</summary>
    private IEnumerable<(string Rule, double Points)> Fit(Lead lead)
    {
        var o = scoring.Value;
        if (o.Sources.TryGetValue(lead.Source, out var source) && source != 0)
        {
            yield return ($"fit: source {lead.Source}", source);
        }

        if (o.ServiceLines.TryGetValue(lead.ServiceLine, out var line) && line != 0)
        {
            yield return ($"fit: service line {lead.ServiceLine}", line);
        }

        if (lead.DistanceKm is { } km && km <= o.NearKm && o.NearPoints != 0)
        {
            yield return ($"fit: within {o.NearKm:0.#} km", o.NearPoints);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Enrollment: {Enrolled} enrolled, {AlreadyEnrolled} already enrolled, {NotPlaced} not placed, {NoSequence} without a sequence, {Unreachable} unreachable")]
    private static partial void LogEnrolled(ILogger logger, int enrolled, int alreadyEnrolled, int notPlaced, int noSequence, int unreachable);
}
