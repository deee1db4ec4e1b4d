using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Fhir;

/// <summary>What one look for new write-backs found.</summary>
public sealed record WriteBackQueued(int Pending, int Skipped);

/// <summary>
/// Finds what is to be written back, in the database alone (so a FHIR outage changes nothing here): touches sent,
/// SMS replies and clicks turned hot since write-back was switched on, that have no row yet. Each gets one row —
/// pending for a FHIR patient, skipped with the reason otherwise — so nothing is found twice.
/// </summary>
internal sealed class WriteBackQueue(NurtureDbContext db, DateTimeOffset now, int batchSize)
{
    private readonly Dictionary<(long Contact, long? Lead), (long Live, string? Patient)> _patients = [];

    /// <summary>Every touch sent since <paramref name="since"/> gets a communication row.</summary>
    public async Task<WriteBackQueued> CommunicationsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        int pending = 0, skipped = 0, found;
        do
        {
            var touches = await db.Touches.AsNoTracking()
                .Where(t => t.Status == TouchStatus.Sent && t.SentAt >= since
                    && !db.FhirWriteBacks.Any(w => w.Kind == WriteBackKind.Communication && w.TouchId == t.Id))
                .OrderBy(t => t.Id).Take(batchSize)
                .Select(t => new { t.Id, t.ContactId, t.EnrollmentId, t.LocationId, t.SentAt })
                .ToListAsync(cancellationToken);
            var enrollmentIds = touches.Select(t => t.EnrollmentId).Distinct().ToList();
            var leads = await db.Enrollments.Where(e => enrollmentIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.LeadId, cancellationToken);
            foreach (var touch in touches)
            {
                var (live, patient) = await PatientAsync(touch.ContactId, leads.GetValueOrDefault(touch.EnrollmentId), cancellationToken);
                Add(WriteBackKind.Communication, null, live, touch.Id, null, touch.EnrollmentId, touch.LocationId, patient, touch.SentAt ?? now,
                    patient is null ? "not a FHIR patient" : null, ref pending, ref skipped);
            }

            found = touches.Count;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        while (found == batchSize);

        return new WriteBackQueued(pending, skipped);
    }

    /// <summary>Every SMS reply recorded since <paramref name="since"/> (a hand-off: their enrollments paused) gets a task row.</summary>
    public async Task<WriteBackQueued> RepliesAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        int pending = 0, skipped = 0, found;
        do
        {
            var replies = await db.ContactEvents.AsNoTracking()
                .Where(e => e.Type == ContactEventType.Replied && e.Channel == Channel.Sms && e.RecordedAt >= since
                    && !db.FhirWriteBacks.Any(w => w.Kind == WriteBackKind.Task && w.ContactEventId == e.Id))
                .OrderBy(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
            foreach (var reply in replies)
            {
                var (live, patient) = await PatientAsync(reply.ContactId, null, cancellationToken);

                // The location the patient is (or was last) enrolled at: its staff got the hand-off.
                var enrollment = await db.Enrollments.AsNoTracking().Where(x => x.ContactId == live || x.ContactId == reply.ContactId)
                    .OrderByDescending(x => x.Id).FirstOrDefaultAsync(cancellationToken);
                Add(WriteBackKind.Task, HandOffReason.SmsReply, live, null, reply.Id, enrollment?.Id, enrollment?.LocationId, patient, reply.At,
                    patient is null ? "not a FHIR patient" : null, ref pending, ref skipped);
            }

            found = replies.Count;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        while (found == batchSize);

        return new WriteBackQueued(pending, skipped);
    }

    /// <summary>
    /// Every booking-link click recorded since <paramref name="since"/> and at least <paramref name="after"/> old is
    /// looked at once: no booking since it, not opted out, and the first such click of its enrollment — a hot lead.
    /// </summary>
    public async Task<WriteBackQueued> HotLeadsAsync(DateTimeOffset since, TimeSpan after, CancellationToken cancellationToken)
    {
        int pending = 0, skipped = 0, found;
        var cutoff = now - after;
        do
        {
            var clicks = await db.ContactEvents.AsNoTracking()
                .Where(e => e.Type == ContactEventType.Clicked && e.TouchId != null && e.EnrollmentId != null && e.RecordedAt >= since && e.At <= cutoff
                    && !db.FhirWriteBacks.Any(w => w.Kind == WriteBackKind.Task && w.ContactEventId == e.Id))
                .OrderBy(e => e.Id).Take(batchSize).ToListAsync(cancellationToken);
            var handedOff = new HashSet<long>();
            foreach (var click in clicks)
            {
                var enrollment = await db.Enrollments.AsNoTracking().SingleAsync(x => x.Id == click.EnrollmentId, cancellationToken);
                var (live, patient) = await PatientAsync(click.ContactId, enrollment.LeadId, cancellationToken);
                var booked = enrollment.Status == EnrollmentStatus.Booked || await db.ContactEvents.AnyAsync(
                    b => (b.ContactId == live || b.ContactId == click.ContactId) && b.Type == ContactEventType.Booked && b.At >= click.At, cancellationToken);
                var already = handedOff.Contains(enrollment.Id) || await db.FhirWriteBacks.AnyAsync(
                    w => (w.Reason == HandOffReason.HotLead || w.Reason == HandOffReason.Score) && w.EnrollmentId == enrollment.Id && w.Status != WriteBackStatus.Skipped, cancellationToken);
                var why = patient is null ? "not a FHIR patient"
                    : booked ? "booked since the click"
                    : enrollment.Status == EnrollmentStatus.OptedOut ? "opted out"
                    : already ? "already handed off as a hot lead for this enrollment"
                    : null;
                if (why is null)
                {
                    handedOff.Add(enrollment.Id);
                }

                Add(WriteBackKind.Task, HandOffReason.HotLead, live, null, click.Id, enrollment.Id, enrollment.LocationId, patient, click.At + after,
                    why, ref pending, ref skipped);
            }

            found = clicks.Count;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        while (found == batchSize);

        return new WriteBackQueued(pending, skipped);
    }

    /// <summary>Every score hand-off (<c>hand_offs</c>, reason score) since <paramref name="since"/> gets a task row.</summary>
    public async Task<WriteBackQueued> ScoreHandOffsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        int pending = 0, skipped = 0, found;
        do
        {
            var handOffs = await db.HandOffs.AsNoTracking()
                .Where(h => h.Reason == Scoring.HandOffReason.Score && h.At >= since && !db.FhirWriteBacks.Any(w => w.Kind == WriteBackKind.Task && w.HandOffId == h.Id))
                .OrderBy(h => h.Id).Take(batchSize).ToListAsync(cancellationToken);
            foreach (var handOff in handOffs)
            {
                var leadId = handOff.EnrollmentId is { } e ? await db.Enrollments.Where(x => x.Id == e).Select(x => (long?)x.LeadId).SingleOrDefaultAsync(cancellationToken) : null;
                var (live, patient) = await PatientAsync(handOff.ContactId, leadId, cancellationToken);

                // One hot-lead Task per enrollment, whichever way it got hot.
                var already = handOff.EnrollmentId is { } enrollment && await db.FhirWriteBacks.AnyAsync(
                    w => (w.Reason == HandOffReason.HotLead || w.Reason == HandOffReason.Score) && w.EnrollmentId == enrollment && w.Status != WriteBackStatus.Skipped, cancellationToken);
                Add(WriteBackKind.Task, HandOffReason.Score, live, null, null, handOff.EnrollmentId, handOff.LocationId, patient, handOff.At,
                    patient is null ? "not a FHIR patient" : already ? "already handed off as a hot lead for this enrollment" : null, ref pending, ref skipped).HandOffId = handOff.Id;
            }

            found = handOffs.Count;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        while (found == batchSize);

        return new WriteBackQueued(pending, skipped);
    }

    private WriteBackRecord Add(string kind, string? reason, long contact, long? touch, long? contactEvent, long? enrollment, string? location, string? patient,
        DateTimeOffset at, string? skippedBecause, ref int pending, ref int skipped)
    {
        var record = new WriteBackRecord
        {
            Kind = kind,
            Reason = reason,
            ContactId = contact,
            TouchId = touch,
            ContactEventId = contactEvent,
            EnrollmentId = enrollment,
            LocationId = location,
            Patient = skippedBecause is null ? patient : null,
            Identifier = Guid.NewGuid().ToString("D"),
            Status = skippedBecause is null ? WriteBackStatus.Pending : WriteBackStatus.Skipped,
            Outcome = skippedBecause,
            HappenedAt = at,
            CreatedAt = now,
        };
        db.FhirWriteBacks.Add(record);
        pending += skippedBecause is null ? 1 : 0;
        skipped += skippedBecause is null ? 0 : 1;
        return record;
    }

    /// <summary>
    /// The live contact (following merges) and its FHIR Patient: the one <paramref name="preferLead"/> came from when that
    /// lead is a FHIR lead of the contact, else the newest FHIR lead's.
    /// </summary>
    private async Task<(long Live, string? Patient)> PatientAsync(long contact, long? preferLead, CancellationToken cancellationToken)
    {
        if (_patients.TryGetValue((contact, preferLead), out var known))
        {
            return known;
        }

        var live = contact;
        while (await db.Contacts.Where(c => c.Id == live).Select(c => c.MergedIntoId).SingleAsync(cancellationToken) is { } merged)
        {
            live = merged;
        }

        var leads = await db.Leads.Where(l => (l.ContactId == live || l.ContactId == contact) && l.SourceReference != null && l.SourceReference.StartsWith("Patient/"))
            .Select(l => new { l.Id, l.SourceReference }).ToListAsync(cancellationToken);
        var chosen = leads.FirstOrDefault(l => l.Id == preferLead) ?? leads.MaxBy(l => l.Id);
        return _patients[(contact, preferLead)] = (live, chosen?.SourceReference);
    }
}
