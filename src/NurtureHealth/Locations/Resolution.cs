namespace NurtureHealth.Locations;

/// <summary>Where a lead landed, or why it did not.</summary>
public sealed record Resolution(
    ResolutionStatus Status,
    Location? Location,
    Provider? Provider,
    double? DistanceKm,
    UnresolvedReason? Unresolved,
    string? Reason)
{
    /// <summary>A stable code for an unresolved reason (<c>beyond-max-distance</c>), or null when resolved.</summary>
    public string? ReasonCode => Unresolved switch
    {
        UnresolvedReason.NoPosition => "no-position",
        UnresolvedReason.UnknownZip => "unknown-zip",
        UnresolvedReason.ServiceLineNotOffered => "service-line-not-offered",
        UnresolvedReason.BeyondMaxDistance => "beyond-max-distance",
        _ => null,
    };

    internal static Resolution NotPlaced(UnresolvedReason why, string reason) => new(ResolutionStatus.Unresolved, null, null, null, why, reason);
}
