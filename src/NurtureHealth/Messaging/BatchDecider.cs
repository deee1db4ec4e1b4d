using Fluid;
using NurtureHealth.Locations;
using NurtureHealth.Scheduling;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>
/// Decides a claimed batch (<see cref="SendDecider"/>) and renders what is to go. Every decision that sends nothing —
/// cancelled, skipped, deferred, failed to render — is stored in one transaction; the touches about to go stay Claimed
/// until their own send.
/// </summary>
public sealed class BatchDecider(LocationCatalog locations, SendDecider decider, MessageComposer composer, IFreeSlots slots, DatabaseRetry retry, Telemetry.NurtureMetrics metrics)
{
    /// <summary>Decides and renders the batch; returns the messages to send, in due order.</summary>
    internal async Task<List<(DispatchBatch.Item Item, Rendered Message)>> DecideAsync(NurtureDbContext db, DispatchBatch batch, DateTimeOffset now, DispatchRun run,
        CancellationToken stopping)
    {
        var group = locations.Group;
        var freeSlots = await FreeSlotsAsync(batch, group, CancellationToken.None);
        var toSend = new List<(DispatchBatch.Item, Rendered)>();
        foreach (var item in batch.Items)
        {
            var (touch, enrollment, contact, firstSms) = item;
            var location = group.Find(touch.LocationId);
            switch (decider.Decide(new SendFacts(touch, enrollment.Status, group, location, batch.Reach.Of(contact), batch.History.Past(contact.Id)), now))
            {
                case SendDecision.Send:
                    try
                    {
                        toSend.Add((item, composer.Render(touch, enrollment, contact, group, location!, firstSms, freeSlots.GetValueOrDefault(SlotKey(enrollment)), touch.Template,
                            enrollment.AppointmentId is { } appointment ? batch.Appointments.GetValueOrDefault(appointment) : null)));
                        if (!touch.Care)
                        {
                            batch.History.Sending(contact.Id, touch.Channel!.Value, now);
                        }
                    }
                    catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException)
                    {
                        touch.Fail($"failed: could not render step {touch.StepId}: {e.Message}");
                        enrollment.StepDone(touch, touch.DueAt);
                        run.Failed++;
                        Count("failed", touch, enrollment);
                    }

                    break;
                case SendDecision.Defer defer:
                    touch.Defer(defer.Until, defer.Why);
                    run.Deferred++;
                    Count("deferred", touch, enrollment);
                    break;
                case SendDecision.Cancel cancel:
                    touch.Cancel(cancel.Why);
                    run.Cancelled++;
                    Count("cancelled", touch, enrollment);
                    break;
                case SendDecision.Skip skip:
                    touch.Skip(skip.Why);
                    enrollment.StepDone(touch, touch.DueAt);
                    run.Skipped++;
                    Count("skipped", touch, enrollment);
                    break;
            }
        }

        await retry.RunAsync(() => db.SaveChangesAsync(CancellationToken.None), "record the batch's decisions", batch.Items[0].Touch.Id, stopping);
        return toSend;
    }

    private void Count(string outcome, Touch touch, Enrollment enrollment) =>
        metrics.Touch(outcome, touch.Channel?.ToString().ToLowerInvariant(), touch.LocationId, enrollment.SequenceId);

    /// <summary>Real open slots for the decision-stage touches of a batch, one look-up per location and provider (bounded by a timeout).</summary>
    private async Task<Dictionary<string, IReadOnlyList<FreeSlot>>> FreeSlotsAsync(DispatchBatch batch, ClinicGroup group, CancellationToken cancellationToken)
    {
        var wanted = batch.Items.Where(i => i.Touch.Stage == "decision").Select(i => i.Enrollment).DistinctBy(SlotKey).ToList();
        var found = await Task.WhenAll(wanted.Select(async e =>
        {
            var location = group.Find(e.LocationId);
            var provider = location?.Providers.FirstOrDefault(p => p.Id == e.ProviderId);
            return (Key: SlotKey(e), Starts: location is null ? [] : await slots.NextFreeAsync(location, provider, cancellationToken));
        }));
        return found.ToDictionary(x => x.Key, x => x.Starts);
    }

    private static string SlotKey(Enrollment e) => $"{e.LocationId}/{e.ProviderId}";
}
