namespace NurtureHealth.Scheduling;

/// <summary>A free appointment slot: when it starts, and the scheduler's own link that books exactly it, when it has one.</summary>
/// <param name="Start">When the slot starts.</param>
/// <param name="BookingLink">
/// The SMART Scheduling Links <c>booking-deep-link</c> of the FHIR Slot (https only); null when the scheduler offers
/// none, and the message links to the location's booking page instead.
/// </param>
public sealed record FreeSlot(DateTimeOffset Start, Uri? BookingLink);
