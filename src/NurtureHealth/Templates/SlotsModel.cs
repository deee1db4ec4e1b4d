namespace NurtureHealth.Templates;

/// <summary>
/// Real open appointment slots from the clinic's scheduling system (FHIR), for decision-stage messages. Empty when
/// there are none or the system cannot be reached in time: always write a fallback with <c>{% if slots.available %}</c>.
/// </summary>
/// <param name="Available">True when at least one free slot was found.</param>
/// <param name="Text">The next free slots in the location's time zone and the message's language: <c>Tue Nov 24, 10:00 AM; Wed Nov 25, 2:30 PM</c>.</param>
/// <param name="First">The soonest one alone.</param>
public sealed record SlotsModel(bool Available, string Text, string First)
{
    /// <summary>Up to three of the times, each with its own link, for buttons: <c>{% for time in slots.times %}…{% endfor %}</c>.</summary>
    public IReadOnlyList<SlotTimeModel> Times { get; init; } = [];

    /// <summary>No slots to show.</summary>
    public static SlotsModel None { get; } = new(false, "", "");
}
