using Microsoft.EntityFrameworkCore;
using NurtureHealth.Leads;
using NurtureHealth.Scheduling;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>The claimed touches of one dispatch batch with their enrollments and contacts, each person's message history and reachability.</summary>
internal sealed class DispatchBatch
{
    private DispatchBatch(List<Item> items, CapHistory history, ContactReach reach, Dictionary<long, Appointment> appointments) =>
        (Items, History, Reach, Appointments) = (items, history, reach, appointments);

    /// <summary>A claimed touch, its enrollment and contact, and whether it would be the enrollment's first SMS.</summary>
    public sealed record Item(Touch Touch, Enrollment Enrollment, Contact Contact, bool FirstSms);

    public List<Item> Items { get; }

    /// <summary>Each person's messages outside the batch, and the batch's own as they go.</summary>
    public CapHistory History { get; }

    /// <summary>Which channels reach each person.</summary>
    public ContactReach Reach { get; }

    /// <summary>The appointments the batch's appointment journeys are about, by id.</summary>
    public Dictionary<long, Appointment> Appointments { get; }

    public static async Task<DispatchBatch> LoadAsync(NurtureDbContext db, List<long> ids, DateTimeOffset now, EmailConsentPolicy policy, AddressHasher hasher,
        CancellationToken cancellationToken)
    {
        var rows = await db.Touches.Where(t => ids.Contains(t.Id))
            .Join(db.Enrollments, t => t.EnrollmentId, e => e.Id, (t, e) => new { t, e })
            .Join(db.Contacts, x => x.t.ContactId, c => c.Id, (x, c) => new { x.t, x.e, c })
            .OrderBy(x => x.t.DueAt).ThenBy(x => x.t.Id)
            .ToListAsync(cancellationToken);
        var enrollmentIds = rows.Select(r => r.e.Id).Distinct().ToList();
        var hadSms = (await db.Touches.AsNoTracking()
            .Where(t => enrollmentIds.Contains(t.EnrollmentId) && t.Channel == Channel.Sms && (t.Status == TouchStatus.Sent || t.Status == TouchStatus.Uncertain))
            .Select(t => t.EnrollmentId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var contacts = rows.Select(r => r.c).DistinctBy(c => c.Id).ToList();
        var history = await CapHistory.LoadAsync(db, contacts.Select(c => c.Id).ToList(), now, ids, cancellationToken);
        var reach = await ContactReach.LoadAsync(db, contacts, policy, hasher, cancellationToken);
        var items = rows.Select(r => new Item(r.t, r.e, r.c, r.t.Channel == Channel.Sms && !hadSms.Contains(r.e.Id))).ToList();
        var appointmentIds = rows.Select(r => r.e.AppointmentId).OfType<long>().Distinct().ToList();
        var appointments = appointmentIds.Count == 0 ? [] : await db.Appointments.AsNoTracking().Where(a => appointmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        return new DispatchBatch(items, history, reach, appointments);
    }
}
