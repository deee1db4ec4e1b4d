namespace NurtureHealth.Locations;

/// <summary>A location's postal address (shown in every email, as CAN-SPAM requires).</summary>
public sealed record PostalAddress(string Line1, string? Line2, string City, string State, string PostalCode)
{
    /// <inheritdoc />
    public override string ToString() =>
        Line2 is null ? $"{Line1}, {City}, {State} {PostalCode}" : $"{Line1}, {Line2}, {City}, {State} {PostalCode}";
}
