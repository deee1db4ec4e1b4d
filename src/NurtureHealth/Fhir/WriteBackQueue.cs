using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Fhir;

/// <summary>
/// Finds what is to be written back, in the database alone (so a FHIR outage changes nothing here): touches sent and
/// hand-offs made since write-back was switched on, that have no row yet. Each gets one row —
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
                Add(WriteBackKind.Communication, null, live, touch.Id, touch.EnrollmentId, touch.LocationId, patient, touch.SentAt ?? now,
                    patient is null ? "not a FHIR patient" : null, ref pending, ref skipped);
            }

            found = touches.Count;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        while (found == batchSize);

        return new WriteBackQueued(pending, skipped);
    }

    /// <summary>
    /// Every hand-off (<c>hand_offs</c>: score, hot lead, SMS reply) made since <paramref name="since"/> gets a task row —
    /// the FHIR Task is a projection of the hand-off, nothing more. A reply from a number that is no contact has no patient
    /// and no row.
    /// </summary>
    public async Task<WriteBackQueued> HandOffsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        int pending = 0, skipped = 0, found;
        do
        {
            var handOffs = await db.HandOffs.AsNoTracking()
                .Where(h => h.ContactId != null && h.At >= since && !db.FhirWriteBacks.Any(w => w.Kind == WriteBackKind.Task && w.HandOffId == h.Id))
                .OrderBy(h => h.Id).Take(batchSize).ToListAsync(cancellationToken);
            foreach (var handOff in handOffs)
            {
                var leadId = handOff.EnrollmentId is { } e ? await db.Enrollments.Where(x => x.Id == e).Select(x => (long?)x.LeadId).SingleOrDefaultAsync(cancellationToken) : null;
                var (live, patient) = await PatientAsync(handOff.ContactId!.Value, leadId, cancellationToken);
                Add(WriteBackKind.Task, handOff.Reason, live, null, handOff.EnrollmentId, handOff.LocationId is "" ? null : handOff.LocationId, patient, handOff.At,
                    patient is null ? "not a FHIR patient" : null, ref pending, ref skipped).HandOffId = handOff.Id;
            }

            found = handOffs.Count;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        while (found == batchSize);

        return new WriteBackQueued(pending, skipped);
    }

    private WriteBackRecord Add(string kind, string? reason, long contact, long? touch, long? enrollment, string? location, string? patient,
        DateTimeOffset at, string? skippedBecause, ref int pending, ref int skipped)
    {
        var record = new WriteBackRecord
        {
            Kind = kind,
            Reason = reason,
            ContactId = contact,
            TouchId = touch,
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
