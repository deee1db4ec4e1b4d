namespace NurtureHealth.Templates;

/// <summary>One free time offered in a message, as a button: <c>{% for time in slots.times %}[{{ time.text }}]({{ time.link }}){% endfor %}</c>.</summary>
/// <param name="Text">The time in the location's time zone and the message's language: <c>Tue Dec 1, 10:00 AM</c>.</param>
/// <param name="Link">
/// A tracked link (no personal data) that opens the scheduler's booking page for exactly this slot, or the location's
/// booking page when the scheduler has no link for it.
/// </param>
public sealed record SlotTimeModel(string Text, string Link);
