using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>
/// What a step's conditions look at when its touch is due, for a batch of enrollments: the lead's source, the patient's
/// engagement with earlier touches, their score. Read on first use for the whole batch: most batches hold no step that
/// branches, and pay nothing.
/// </summary>
internal sealed class StepFacts(NurtureDbContext db, IReadOnlyCollection<Enrollment> enrollments, TimeSpan halfLife)
{
    private static readonly string[] Engagements =
        [Touches.ContactEventType.Opened, Touches.ContactEventType.Clicked, Touches.ContactEventType.Replied, Touches.ContactEventType.Delivered];

    private Dictionary<long, string>? _sources;
    private Dictionary<long, List<(string Type, string? StepId)>>? _engagement;

    public async Task<ConditionFacts> ForAsync(Enrollment enrollment, Contact contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = enrollments.Select(e => e.Id).ToList();
        var leadIds = enrollments.Select(e => e.LeadId).Distinct().ToList();
        _sources ??= await db.Leads.AsNoTracking().Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Source, cancellationToken);
        _engagement ??= (await db.ContactEvents.AsNoTracking()
                .Where(e => e.EnrollmentId != null && ids.Contains(e.EnrollmentId.Value) && Engagements.Contains(e.Type))
                .GroupJoin(db.Touches, e => e.TouchId, t => t.Id, (e, t) => new { e, t })
                .SelectMany(x => x.t.DefaultIfEmpty(), (x, t) => new { Enrollment = x.e.EnrollmentId!.Value, x.e.Type, StepId = t == null ? null : t.StepId })
                .ToListAsync(cancellationToken))
            .GroupBy(x => x.Enrollment).ToDictionary(g => g.Key, g => g.Select(x => (x.Type, x.StepId)).ToList());
        return new ConditionFacts(enrollment, _sources.GetValueOrDefault(enrollment.LeadId), _engagement.GetValueOrDefault(enrollment.Id) ?? [], EngagementKnown: true)
        {
            Score = Scoring.LeadScore.Decay(contact.Score, contact.ScoreAt, now, halfLife),
        };
    }
}
