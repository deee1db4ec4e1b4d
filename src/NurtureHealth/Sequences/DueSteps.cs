using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Sequences;

/// <summary>
/// What a sequence decides when one of its touches falls due, just before dispatch sends it: a wait ends, times out or
/// waits on; the step's conditions on engagement hold or not; which template the patient gets (a <c>choose:</c> branch,
/// their A/B variant, another live variant when theirs was retired). A touch that will send becomes Ready with its
/// template; the others are skipped with the reason and their enrollment's next step is planned. Dispatch sends only
/// Ready touches, and hands back to this pass any it must defer: deciding again when they fall due again.
/// </summary>
public sealed partial class DueSteps(
    IDbContextFactory<NurtureDbContext> databases,
    LocationCatalog locations,
    SequenceContent content,
    TimeProvider clock,
    IOptions<ConsentOptions> consent,
    AddressHasher hasher,
    IOptions<Scoring.ScoringOptions> scoring,
    ILogger<DueSteps> logger,
    Telemetry.NurtureMetrics? metrics = null)
{
    /// <summary>Decides the due Scheduled touches, oldest first, at most <paramref name="limit"/>, in one transaction.</summary>
    public async Task<DueStepsRun> PrepareAsync(int limit, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.Touches.Where(t => t.Status == TouchStatus.Scheduled && t.DueAt <= now).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(limit)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new DueStepsRun(0, 0, 0, 0, 0);
        }

        var enrollmentIds = due.Select(t => t.EnrollmentId).Distinct().ToList();
        var enrollments = await db.Enrollments.Where(e => enrollmentIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var contactIds = due.Select(t => t.ContactId).Distinct().ToList();
        var contacts = await db.Contacts.Where(c => contactIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var reach = await ContactReach.LoadAsync(db, contacts.Values, consent.Value.Email, hasher, cancellationToken);
        var facts = new StepFacts(db, enrollments.Values, scoring.Value.HalfLife);
        var counts = new int[4];
        foreach (var touch in due)
        {
            counts[(int)await DecideAsync(touch, enrollments[touch.EnrollmentId], contacts[touch.ContactId], reach, facts, now, cancellationToken)]++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var touch in due.Where(t => t.Status is TouchStatus.Skipped or TouchStatus.Cancelled))
        {
            metrics?.Touch(touch.Status == TouchStatus.Skipped ? "skipped" : "cancelled", touch.Channel?.ToString().ToLowerInvariant(), touch.LocationId,
                enrollments[touch.EnrollmentId].SequenceId);
        }

        var run = new DueStepsRun(due.Count, counts[(int)StepDecision.Ready], counts[(int)StepDecision.Skipped], counts[(int)StepDecision.Cancelled], counts[(int)StepDecision.Waiting]);
        LogPrepared(logger, run.Looked, run.Ready, run.Skipped, run.Cancelled, run.Waiting);
        return run;
    }

    private enum StepDecision
    {
        Ready,
        Skipped,
        Cancelled,
        Waiting,
    }

    private async Task<StepDecision> DecideAsync(Touch touch, Enrollment enrollment, Contact contact, ContactReach reach, StepFacts facts, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (enrollment.Status != EnrollmentStatus.Active)
        {
            touch.Cancel($"cancelled: the enrollment ended ({StoredName.Of(enrollment.Status)})");
            return StepDecision.Cancelled;
        }

        if (touch.NotAfter is { } start && now >= start)
        {
            return Skip(touch, enrollment, "skipped: no longer useful: the appointment had started when it fell due", touch.DueAt);
        }

        var location = locations.Group.Find(touch.LocationId);
        if (location is null || !location.Active)
        {
            return Skip(touch, enrollment, $"skipped: location {touch.LocationId} is {(location is null ? "no longer in the location files" : "inactive")}", touch.DueAt);
        }

        var sequence = content.Sequences.Find(enrollment.SequenceId);
        var step = sequence?.Steps.FirstOrDefault(s => s.Id == touch.StepId);
        if (touch.Kind == StepKind.Wait)
        {
            return await WaitedAsync(touch, enrollment, contact, sequence, step, facts, now, cancellationToken);
        }

        var channel = touch.Channel!.Value;
        if (reach.Of(contact).WhyNot(channel) is { } unreachable)
        {
            return Skip(touch, enrollment, $"skipped: {unreachable}", touch.DueAt);
        }

        var template = touch.StepId;
        if (touch.Variant is { } variantId && step is not null)
        {
            // A variant retired since this touch was planned: the patient gets another live variant on the same channel, or the step's own.
            var variant = step.Variants.FirstOrDefault(v => v.Id == variantId && v.Weight > 0)
                ?? VariantPicker.Pick(enrollment.ContactId, enrollment.SequenceId, step.Id, step.Variants.Where(v => v.Channel == channel).ToList());
            (template, touch.Variant) = (variant?.Template ?? step.Id, variant?.Id);
        }

        if (step is { DecidedWhenDue: true })
        {
            var known = await facts.ForAsync(enrollment, contact, now, cancellationToken);
            if (StepRules.Failing(step.When, known) is { } failing)
            {
                return Skip(touch, enrollment, $"skipped: when '{failing.Text}' does not hold", touch.DueAt);
            }

            if (StepRules.Template(step, known) is not { } chosen)
            {
                return Skip(touch, enrollment, "skipped: none of the step's choices applies", touch.DueAt);
            }

            template = chosen;
        }

        touch.Prepare(template);
        return StepDecision.Ready;
    }

    /// <summary>
    /// A wait's touch came due — woken by an event, or at its deadline. If what it waits for happened, the sequence goes on
    /// with the next step from now; if the deadline passed first, at the step named by on_timeout; otherwise it waits on.
    /// </summary>
    private async Task<StepDecision> WaitedAsync(Touch touch, Enrollment enrollment, Contact contact, Sequence? sequence, SequenceStep? step, StepFacts facts,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (sequence is null || step?.Wait is not { } wait)
        {
            return Skip(touch, enrollment, $"skipped: the wait step {touch.StepId} is no longer in the sequence", touch.DueAt);
        }

        if (StepRules.Failing(wait.Until, await facts.ForAsync(enrollment, contact, now, cancellationToken)) is null)
        {
            return Skip(touch, enrollment, $"waited: {string.Join(" and ", wait.Until)}", now);
        }

        var deadline = touch.WaitDeadline ?? touch.DueAt;
        if (now < deadline)
        {
            touch.Defer(deadline, $"deferred: waiting for {string.Join(" and ", wait.Until)}");
            return StepDecision.Waiting;
        }

        touch.Skip($"wait timed out after {wait.Timeout.TotalDays:0.#} days: no {string.Join(" and ", wait.Until)}");
        var target = wait.OnTimeout is { } id ? sequence.Steps.FirstOrDefault(s => s.Id == id) : null;
        if (target is null)
        {
            enrollment.StepDone(touch, touch.DueAt);
        }
        else
        {
            // Go on at the timeout's step: the plan continues after the step before it.
            var before = sequence.Steps[target.Index - 1];
            enrollment.ContinueAfter(before.Id, before.Index, touch.DueAt, touch.Id);
        }

        return StepDecision.Skipped;
    }

    private static StepDecision Skip(Touch touch, Enrollment enrollment, string why, DateTimeOffset from)
    {
        touch.Skip(why);
        enrollment.StepDone(touch, from);
        return StepDecision.Skipped;
    }

    [LoggerMessage(EventId = 2501, Level = LogLevel.Debug, Message = "Due steps: {Looked} looked at, {Ready} ready to send, {Skipped} skipped, {Cancelled} cancelled, {Waiting} waiting on")]
    private static partial void LogPrepared(ILogger logger, int looked, int ready, int skipped, int cancelled, int waiting);
}
