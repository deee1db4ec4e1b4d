using Microsoft.EntityFrameworkCore;
using NurtureHealth.Locations;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Reporting;

/// <summary>The funnel report: per location, per step and variant, bookings by week, attribution and A/B tests.</summary>
public sealed record FunnelReport(
    DateTimeOffset GeneratedAt,
    ReportFilter Filter,
    LocationFunnel Total,
    IReadOnlyList<LocationFunnel> Locations,
    IReadOnlyList<StepFunnel> Steps,
    IReadOnlyList<WeekBookings> Weeks,
    Attribution Attribution,
    IReadOnlyList<VariantComparison> Variants)
{
    /// <summary>After the booking, per location and in total (the last row): confirmed, attended, the show rate, no-shows recovered, cancellations re-booked.</summary>
    public IReadOnlyList<VisitFunnel> Visits { get; init; } = [];

    /// <summary>Builds the report from the database. Every number in every format comes from here.</summary>
    public static async Task<FunnelReport> BuildAsync(NurtureDbContext db, ClinicGroup group, ReportFilter filter, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // The nurture funnel: appointment journeys (reminders, recovery) are counted after the booking, in Visits.
        var enrollmentQuery = db.Enrollments.AsNoTracking().Where(e => e.AppointmentId == null);
        if (filter.Since is { } since)
        {
            enrollmentQuery = enrollmentQuery.Where(e => e.EnrolledAt >= since);
        }

        if (filter.Until is { } until)
        {
            enrollmentQuery = enrollmentQuery.Where(e => e.EnrolledAt < until);
        }

        if (filter.Location is { } location)
        {
            enrollmentQuery = enrollmentQuery.Where(e => e.LocationId == location);
        }

        if (filter.Sequence is { } sequence)
        {
            enrollmentQuery = enrollmentQuery.Where(e => e.SequenceId == sequence);
        }

        var enrollments = await enrollmentQuery.ToListAsync(cancellationToken);
        var ids = enrollments.Select(e => e.Id).ToHashSet();
        var touches = (await db.Touches.AsNoTracking()
                .Where(t => t.Status == TouchStatus.Sent || t.Status == TouchStatus.Uncertain)
                .Select(t => new { t.Id, t.EnrollmentId, t.StepId, t.StepIndex, t.Variant, t.Channel, SentAt = t.SentAt ?? t.SendingAt, t.DeliveryStatus, t.Status })
                .ToListAsync(cancellationToken))
            .Where(t => ids.Contains(t.EnrollmentId)).ToList();
        var touchById = touches.ToDictionary(t => t.Id);
        var contactIds = enrollments.Select(e => e.ContactId).ToHashSet();
        var events = (await db.ContactEvents.AsNoTracking()
                .Where(e => e.Type == ContactEventType.Clicked || e.Type == ContactEventType.Replied || e.Type == ContactEventType.Booked
                            || e.Type == ContactEventType.OptedOut || e.Type == ContactEventType.Bounced)
                .Select(e => new { e.ContactId, e.EnrollmentId, e.TouchId, e.Type, e.At })
                .ToListAsync(cancellationToken))
            .Where(e => contactIds.Contains(e.ContactId)).ToList();
        var leadIds = enrollments.Select(e => e.LeadId).ToHashSet();
        var sources = (await db.Leads.AsNoTracking().Select(l => new { l.Id, l.Source }).ToListAsync(cancellationToken))
            .Where(l => leadIds.Contains(l.Id)).ToDictionary(l => l.Id, l => l.Source);
        var leadsQuery = db.Leads.AsNoTracking().Where(l => l.LocationId != null);
        if (filter.Since is { } s2)
        {
            leadsQuery = leadsQuery.Where(l => l.ImportedAt >= s2);
        }

        if (filter.Until is { } u2)
        {
            leadsQuery = leadsQuery.Where(l => l.ImportedAt < u2);
        }

        var leadsByLocation = filter.Sequence is null
            ? await leadsQuery.GroupBy(l => l.LocationId!).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, cancellationToken)
            : enrollments.GroupBy(e => e.LocationId).ToDictionary(g => g.Key, g => g.Select(e => e.LeadId).Distinct().Count());

        var bounced = events.Where(e => e.Type == ContactEventType.Bounced && e.TouchId is not null).Select(e => e.TouchId!.Value).ToHashSet();
        bool Delivered(long id, Channel? channel, string? status) => channel == Channel.Sms ? status == "delivered" : !bounced.Contains(id);

        // A booking or a full opt-out belongs to the person's latest enrollment that started before it — even one whose
        // sequence had already ended: the nurture still brought it about.
        var allEnrollments = (await db.Enrollments.AsNoTracking().Select(e => new { e.Id, e.ContactId, e.EnrolledAt }).ToListAsync(cancellationToken))
            .Where(e => contactIds.Contains(e.ContactId)).ToList();
        long? Owner(long contact, DateTimeOffset at) =>
            allEnrollments.Where(e => e.ContactId == contact && e.EnrolledAt <= at).OrderByDescending(e => e.EnrolledAt).ThenByDescending(e => e.Id).Select(e => (long?)e.Id).FirstOrDefault();
        var bookings = events.Where(e => e.Type == ContactEventType.Booked).GroupBy(e => Owner(e.ContactId, e.At))
            .Where(g => g.Key is not null).ToDictionary(g => g.Key!.Value, g => g.Min(e => e.At));
        var optOuts = events.Where(e => e.Type == ContactEventType.OptedOut).Select(e => Owner(e.ContactId, e.At)).OfType<long>().ToHashSet();

        // Each enrollment's outcome: clicked, replied, booked (when, credited to which touches), opted out.
        var outcomes = enrollments.Select(e =>
        {
            var mine = touches.Where(t => t.EnrollmentId == e.Id).OrderBy(t => t.SentAt).ThenBy(t => t.Id).ToList();
            var mineIds = mine.Select(t => t.Id).ToHashSet();
            var own = events.Where(x => x.EnrollmentId == e.Id || (x.TouchId is { } t && mineIds.Contains(t))).ToList();
            DateTimeOffset? bookedAt = bookings.TryGetValue(e.Id, out var at) ? at : e.Status == EnrollmentStatus.Booked ? e.EndedAt : null;

            var bookingTouch = bookedAt is null ? null
                : own.Where(x => x.Type == ContactEventType.Booked && x.TouchId is { } t && mineIds.Contains(t)).Select(x => x.TouchId).FirstOrDefault()
                  ?? own.Where(x => x.Type == ContactEventType.Clicked && x.At <= bookedAt && x.TouchId is { } t && mineIds.Contains(t)).OrderBy(x => x.At).Select(x => x.TouchId).LastOrDefault()
                  ?? mine.Where(t => t.SentAt <= bookedAt).Select(t => (long?)t.Id).LastOrDefault();
            return new
            {
                Enrollment = e,
                Clicked = own.Any(x => x.Type == ContactEventType.Clicked),
                Replied = own.Any(x => x.Type == ContactEventType.Replied),
                BookedAt = bookedAt,
                First = bookedAt is null ? null : mine.FirstOrDefault(),
                Last = bookingTouch is { } b ? touchById.GetValueOrDefault(b) : null,
                OptedOut = bookedAt is null && (optOuts.Contains(e.Id) || e.Status == EnrollmentStatus.OptedOut),
            };
        }).ToList();

        LocationFunnel Funnel(string id, string name, IReadOnlyCollection<Enrollment> these, int leads)
        {
            var set = these.Select(e => e.Id).ToHashSet();
            var mine = outcomes.Where(o => set.Contains(o.Enrollment.Id)).ToList();
            var all = touches.Where(t => set.Contains(t.EnrollmentId)).ToList();
            var sent = all.Where(t => t.Status == TouchStatus.Sent).ToList();
            var booked = mine.Where(o => o.BookedAt is not null).ToList();
            var days = booked.Select(o => (o.BookedAt!.Value - o.Enrollment.EnrolledAt).TotalDays).Order().ToList();
            return new LocationFunnel(id, name, leads, these.Count, sent.Count, sent.Count(t => Delivered(t.Id, t.Channel, t.DeliveryStatus)),
                mine.Count(o => o.Clicked), mine.Count(o => o.Replied), booked.Count, mine.Count(o => o.OptedOut),
                Percent(booked.Count, these.Count), days.Count == 0 ? null : Math.Round(Median(days), 1))
            {
                Uncertain = all.Count - sent.Count,
            };
        }

        var locationRows = group.Locations
            .Where(l => (filter.Location is null || l.Id == filter.Location) && (l.Active || enrollments.Any(e => e.LocationId == l.Id) || leadsByLocation.ContainsKey(l.Id)))
            .Select(l => Funnel(l.Id, l.Name, enrollments.Where(e => e.LocationId == l.Id).ToList(), leadsByLocation.GetValueOrDefault(l.Id)))
            .ToList();
        var total = Funnel("total", "All locations", enrollments, locationRows.Sum(r => r.Leads));

        var steps = touches.GroupBy(t => (enrollments.First(e => e.Id == t.EnrollmentId).LocationId, Sequence: enrollments.First(e => e.Id == t.EnrollmentId).SequenceId, t.StepId, t.Variant))
            .Select(g =>
            {
                var ids2 = g.Select(t => t.Id).ToHashSet();
                var sent = g.Count(t => t.Status == TouchStatus.Sent);
                var clicked = events.Where(e => e.Type == ContactEventType.Clicked && e.TouchId is { } t && ids2.Contains(t)).Select(e => e.TouchId).Distinct().Count();
                var booked = outcomes.Count(o => o.Last is { } last && ids2.Contains(last.Id));
                return new StepFunnel(g.Key.LocationId, g.Key.Sequence, g.Min(t => t.StepIndex) + 1, g.Key.StepId, g.Key.Variant, sent,
                    g.Count(t => t.Status == TouchStatus.Sent && Delivered(t.Id, t.Channel, t.DeliveryStatus)), clicked,
                    events.Where(e => e.Type == ContactEventType.Replied && e.TouchId is { } t && ids2.Contains(t)).Select(e => e.TouchId).Distinct().Count(),
                    booked,
                    events.Where(e => e.Type == ContactEventType.OptedOut && e.TouchId is { } t && ids2.Contains(t)).Select(e => e.ContactId).Distinct().Count(),
                    Percent(clicked, sent), Percent(booked, sent))
                {
                    Uncertain = g.Count(t => t.Status == TouchStatus.Uncertain),
                };
            })
            .OrderBy(s => s.Location, StringComparer.Ordinal).ThenBy(s => s.Sequence, StringComparer.Ordinal).ThenBy(s => s.StepNumber).ThenBy(s => s.Variant, StringComparer.Ordinal)
            .ToList();

        var weeks = outcomes.Where(o => o.BookedAt is not null)
            .GroupBy(o => WeekOf(o.BookedAt!.Value))
            .Select(g => new WeekBookings(g.Key, g.Count())).OrderBy(w => w.Week).ToList();

        var bookedOutcomes = outcomes.Where(o => o.BookedAt is not null).ToList();
        var attribution = new Attribution(
            Count(bookedOutcomes.Select(o => o.First is { } f ? $"{o.Enrollment.SequenceId}/{f.StepId}" : "(no message sent)")),
            Count(bookedOutcomes.Select(o => o.Last is { } l ? $"{o.Enrollment.SequenceId}/{l.StepId}" : "(no message sent)")),
            Count(bookedOutcomes.Select(o => sources.GetValueOrDefault(o.Enrollment.LeadId) ?? "(unknown)")));

        return new FunnelReport(now, filter, total, locationRows, steps, weeks, attribution, Compare(steps))
        {
            Visits = await VisitFunnel.BuildAsync(db, group, filter, cancellationToken),
        };
    }

    /// <summary>Each variant against the step's first, across locations: click rate and booking rate per message sent.</summary>
    private static List<VariantComparison> Compare(List<StepFunnel> steps)
    {
        var comparisons = new List<VariantComparison>();
        foreach (var step in steps.Where(s => s.Variant is not null).GroupBy(s => (s.Sequence, s.Step)))
        {
            var variants = step.GroupBy(s => s.Variant!).Select(g => (Id: g.Key, Sent: g.Sum(s => s.Sent), Clicked: g.Sum(s => s.Clicked), Booked: g.Sum(s => s.Booked)))
                .OrderBy(v => v.Id, StringComparer.Ordinal).ToList();
            var baseline = variants[0];
            foreach (var variant in variants.Skip(1))
            {
                foreach (var (metric, a, b) in new[] { ("click rate", baseline.Clicked, variant.Clicked), ("booking rate", baseline.Booked, variant.Booked) })
                {
                    var test = VariantStatistics.TwoProportion(a, baseline.Sent, b, variant.Sent);
                    comparisons.Add(new VariantComparison(step.Key.Sequence, step.Key.Step, metric, baseline.Id, variant.Id, baseline.Sent, variant.Sent,
                        Math.Round(test.RateA * 100, 1), Math.Round(test.RateB * 100, 1), Math.Round(test.Z, 3), Math.Round(test.P, 4), test.Significant));
                }
            }
        }

        return comparisons;
    }

    private static Dictionary<string, int> Count(IEnumerable<string> keys) =>
        keys.GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static DateOnly WeekOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }
}
