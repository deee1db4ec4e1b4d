using System.Collections.Concurrent;
using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace NurtureHealth.Fhir;

/// <summary>
/// The next free appointment slots for a provider (else the location), read from the clinic's FHIR server for
/// decision-stage messages: Schedules whose actor is the Practitioner or Location, then their free Slots from
/// now on. Cached briefly; bounded by a timeout. When FHIR is off, down or slow, or there are no slots, the
/// answer is empty and the template shows its fallback — a send is never failed or held up for it.
/// </summary>
public sealed partial class SlotFinder(FhirConnection fhir, IOptions<FhirOptions> options, TimeProvider clock, ILogger<SlotFinder> logger) : Scheduling.IFreeSlots
{
    /// <summary>The SMART Scheduling Links extension on a Slot: a deep link into the scheduler's booking portal for that very slot.</summary>
    public const string BookingDeepLink = "http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link";

    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, IReadOnlyList<Scheduling.FreeSlot> Starts)> _cache = new(StringComparer.Ordinal);

    /// <summary>Up to <see cref="FhirOptions.SlotCount"/> free slot starts, soonest first.</summary>
    public async Task<IReadOnlyList<Scheduling.FreeSlot>> NextFreeAsync(Locations.Location location, Locations.Provider? provider, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var actor = provider?.FhirId is { } practitioner ? $"Practitioner/{practitioner}" : location.FhirId is { } place ? $"Location/{place}" : null;
        if (!o.Enabled || actor is null)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(actor, out var cached) && cached.Until > now)
        {
            return cached.Starts;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.SlotTimeout);
        try
        {
            var client = fhir.Open();
            var schedules = await FhirConnection.SearchAllAsync<Schedule>(client, new SearchParams().Where($"actor={actor}").LimitTo(20), timeout.Token);
            IReadOnlyList<Scheduling.FreeSlot> starts = [];
            if (schedules.Count > 0)
            {
                var slots = await client.SearchAsync<Slot>(new SearchParams()
                    .Where($"schedule={string.Join(',', schedules.Select(s => $"Schedule/{s.Id}"))}")
                    .Where("status=free")
                    .Where($"start=ge{now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}")
                    .OrderBy("start")
                    .LimitTo(o.SlotCount * 4), timeout.Token);
                starts = slots?.Entry.Select(e => e.Resource).OfType<Slot>().Where(s => s.Start > now)
                    .Select(s => new Scheduling.FreeSlot(s.Start!.Value, DeepLink(s)))
                    .OrderBy(s => s.Start).Take(o.SlotCount).ToList() ?? [];
            }

            _cache[actor] = (now + o.SlotCache, starts);
            return starts;
        }
        catch (Exception e) when (FhirErrors.IsExpected(e) || e is OperationCanceledException)
        {
            LogUnavailable(logger, actor, e is OperationCanceledException ? "no answer in time" : FhirErrors.Describe(e));
            return [];
        }
    }

    /// <summary>The slot's booking deep link, when it has one that is an absolute https address (anything else is not sent to a patient).</summary>
    private static Uri? DeepLink(Slot slot) =>
        slot.GetExtension(BookingDeepLink)?.Value switch { FhirUrl url => url.Value, FhirUri uri => uri.Value, _ => null } is { } text
        && Uri.TryCreate(text, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps ? link : null;

    [LoggerMessage(EventId = 5019, Level = LogLevel.Warning, Message = "Open slots for {Actor} unavailable ({Reason}); messages use their fallback wording")]
    private static partial void LogUnavailable(ILogger logger, string actor, string reason);
}
