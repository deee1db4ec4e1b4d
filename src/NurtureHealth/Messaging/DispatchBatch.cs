using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;
using NurtureHealth.Scheduling;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>The claimed touches of one dispatch batch with their enrollments and contacts, and each person's recent messages.</summary>
internal sealed class DispatchBatch
{
    private static readonly TouchStatus[] Past = [TouchStatus.Sent, TouchStatus.Sending, TouchStatus.Uncertain];
    private readonly Dictionary<long, List<PlannedMessage>> _past = [];
    private readonly Dictionary<long, List<PlannedMessage>> _all = [];

    public sealed record Item(Touch Touch, Enrollment Enrollment, Contact Contact, bool FirstSms);

    public List<Item> Items { get; } = [];

    private static readonly string[] Engagements =
        [Tracking.ContactEventType.Opened, Tracking.ContactEventType.Clicked, Tracking.ContactEventType.Replied, Tracking.ContactEventType.Delivered];

    private readonly Dictionary<long, List<(string Type, string? StepId)>> _engagement = [];
    private Dictionary<long, string>? _sources;
    private NurtureDbContext? _db;
    private List<long> _enrollmentIds = [];
    private bool _engagementLoaded;

    /// <summary>Suppressed email addresses in this batch, with why.</summary>
    public Dictionary<string, string> SuppressedEmail { get; private set; } = [];

    /// <summary>Suppressed numbers in this batch, with why.</summary>
    public Dictionary<string, string> SuppressedSms { get; private set; } = [];

    public static async Task<DispatchBatch> LoadAsync(NurtureDbContext db, List<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = new DispatchBatch();
        var rows = await db.Touches.Where(t => ids.Contains(t.Id))
            .Join(db.Enrollments, t => t.EnrollmentId, e => e.Id, (t, e) => new { t, e })
            .Join(db.Contacts, x => x.t.ContactId, c => c.Id, (x, c) => new { x.t, x.e, c })
            .OrderBy(x => x.t.DueAt).ThenBy(x => x.t.Id)
            .ToListAsync(cancellationToken);
        var enrollmentIds = rows.Select(r => r.e.Id).Distinct().ToList();
        var hadSms = (await db.Touches.AsNoTracking()
            .Where(t => enrollmentIds.Contains(t.EnrollmentId) && t.Channel == Channel.Sms && (t.Status == TouchStatus.Sent || t.Status == TouchStatus.Uncertain))
            .Select(t => t.EnrollmentId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var contactIds = rows.Select(r => r.c.Id).Distinct().ToList();
        var from = now.AddDays(-8);
        var history = await db.Touches.AsNoTracking()
            .Where(t => contactIds.Contains(t.ContactId) && t.DueAt >= from && !ids.Contains(t.Id) && t.Kind == StepKind.Send
                        && (Past.Contains(t.Status) || t.Status == TouchStatus.Scheduled))
            .Select(t => new { t.ContactId, t.Status, t.DueAt, t.SentAt, t.Channel })
            .ToListAsync(cancellationToken);
        foreach (var id in contactIds)
        {
            batch._past[id] = [];
            batch._all[id] = [];
        }

        foreach (var h in history)
        {
            var message = new PlannedMessage(h.SentAt ?? h.DueAt, h.Channel!.Value);
            batch._all[h.ContactId].Add(message);
            if (Past.Contains(h.Status))
            {
                batch._past[h.ContactId].Add(message);
            }
        }

        batch._db = db;
        batch._enrollmentIds = enrollmentIds;

        batch.SuppressedEmail = await Tracking.Suppressions.FindAsync(db, Channel.Email, rows.Select(r => r.c.Email).OfType<string>().ToList(), cancellationToken);
        batch.SuppressedSms = await Tracking.Suppressions.FindAsync(db, Channel.Sms, rows.Select(r => r.c.Phone).OfType<string>().ToList(), cancellationToken);
        foreach (var r in rows)
        {
            batch.Items.Add(new Item(r.t, r.e, r.c, r.t.Channel == Channel.Sms && !hadSms.Contains(r.e.Id)));
        }

        return batch;
    }

    /// <summary>What step conditions look at when a touch is due: the lead's source and the patient's engagement so far.</summary>
    /// <remarks>Read on first use, for the whole batch: most batches hold no step that branches, and pay nothing.</remarks>
    public ConditionFacts Facts(Enrollment enrollment, Leads.Contact contact, DateTimeOffset now, TimeSpan halfLife)
    {
        LoadSources();
        LoadEngagement();
        return new ConditionFacts(enrollment, _sources!.GetValueOrDefault(enrollment.LeadId), _engagement.GetValueOrDefault(enrollment.Id) ?? [], EngagementKnown: true)
        {
            Score = Scoring.LeadScore.Decay(contact.Score, contact.ScoreAt, now, halfLife),
        };
    }

    /// <summary>The source of the lead that enrolled the patient (for conditions on the source when planning the next step).</summary>
    public string? Source(Enrollment enrollment)
    {
        LoadSources();
        return _sources!.GetValueOrDefault(enrollment.LeadId);
    }

    private void LoadSources()
    {
        if (_sources is not null)
        {
            return;
        }

        var leadIds = Items.Select(i => i.Enrollment.LeadId).Distinct().ToList();
        _sources = _db?.Leads.AsNoTracking().Where(l => leadIds.Contains(l.Id)).ToDictionary(l => l.Id, l => l.Source) ?? [];
    }

    private void LoadEngagement()
    {
        if (_engagementLoaded || _db is null)
        {
            return;
        }

        _engagementLoaded = true;
        var enrollmentIds = _enrollmentIds;
        var engagement = _db.ContactEvents.AsNoTracking()
            .Where(e => e.EnrollmentId != null && enrollmentIds.Contains(e.EnrollmentId.Value) && Engagements.Contains(e.Type))
            .GroupJoin(_db.Touches, e => e.TouchId, t => t.Id, (e, t) => new { e, t })
            .SelectMany(x => x.t.DefaultIfEmpty(), (x, t) => new { Enrollment = x.e.EnrollmentId!.Value, x.e.Type, StepId = t == null ? null : t.StepId })
            .ToList();
        foreach (var group in engagement.GroupBy(x => x.Enrollment))
        {
            _engagement[group.Key] = group.Select(x => (x.Type, x.StepId)).ToList();
        }
    }

    /// <summary>Which channels can reach the person now: consent, opt-outs and the suppression list.</summary>
    public Reachability Reach(Contact contact, EmailConsentPolicy policy) => Enroller.Reach(contact, policy,
        contact.Email is null ? null : SuppressedEmail.GetValueOrDefault(contact.Email), contact.Phone is null ? null : SuppressedSms.GetValueOrDefault(contact.Phone));

    /// <summary>Messages already sent to the person (what the cap counts at send time).</summary>
    public IReadOnlyCollection<PlannedMessage> PastMessages(long contactId) => _past[contactId];

    /// <summary>Messages sent and planned (what the cap counts when planning).</summary>
    public IReadOnlyCollection<PlannedMessage> AllMessages(long contactId) => _all[contactId];

    /// <summary>Counts a touch about to be sent now against its person's cap.</summary>
    public void Sending(Item item, DateTimeOffset at)
    {
        var message = new PlannedMessage(at, item.Touch.Channel!.Value);
        _past[item.Contact.Id].Add(message);
        _all[item.Contact.Id].Add(message);
    }

    /// <summary>Counts a newly planned touch against its person's cap.</summary>
    public void Planned(long contactId, Touch touch)
    {
        if (touch.Channel is { } channel)
        {
            _all[contactId].Add(new PlannedMessage(touch.DueAt, channel));
        }
    }
}
