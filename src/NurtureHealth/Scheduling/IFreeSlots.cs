using NurtureHealth.Locations;

namespace NurtureHealth.Scheduling;

/// <summary>
/// Where the next free appointment slots come from, for decision messages that offer them. The clinic's FHIR server
/// answers (<c>Fhir.SlotFinder</c>); with none configured, or when it is slow or down, the answer is empty and the
/// template's fallback wording is used.
/// </summary>
public interface IFreeSlots
{
    /// <summary>The soonest free slots (with their booking links, when the scheduler gives them) at <paramref name="location"/>, with <paramref name="provider"/> when given; empty when unknown.</summary>
    Task<IReadOnlyList<FreeSlot>> NextFreeAsync(Location location, Provider? provider, CancellationToken cancellationToken);
}
