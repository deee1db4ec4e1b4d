namespace NurtureHealth.Templates;

/// <summary>Links carrying only a signed, expiring token: no name, email or phone in any URL.</summary>
/// <param name="Booking">Opens the location's booking page (the click is counted).</param>
/// <param name="Unsubscribe">One click ends these messages.</param>
public sealed record LinksModel(string Booking, string Unsubscribe)
{
    /// <summary>The link of each offered slot, in order (its own tracked deep link, or <see cref="Booking"/>); read through <c>slots.times</c>.</summary>
    internal IReadOnlyList<string> SlotLinks { get; init; } = [];
}
