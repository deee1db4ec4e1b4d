namespace NurtureHealth.Locations;

/// <summary>Whether a lead was placed at a location.</summary>
public enum ResolutionStatus
{
    /// <summary>Placed at a location (a provider may or may not have been matched).</summary>
    Resolved,

    /// <summary>Not placed; <see cref="Resolution.Unresolved"/> says why. Never guessed.</summary>
    Unresolved,
}

/// <summary>Why a lead could not be placed.</summary>
public enum UnresolvedReason
{
    /// <summary>Neither coordinates nor a postal code.</summary>
    NoPosition,

    /// <summary>A well-formed ZIP that is not in the ZCTA list.</summary>
    UnknownZip,

    /// <summary>No active location offers the service line at all.</summary>
    ServiceLineNotOffered,

    /// <summary>The nearest qualifying location is farther than the configured maximum.</summary>
    BeyondMaxDistance,
}

/// <summary>What to place: the parts of a lead resolution needs. Carries no name, phone or email.</summary>
/// <param name="LeadId">The lead's id, for messages.</param>
/// <param name="ServiceLine">The service line the lead asked about.</param>
/// <param name="Position">Coordinates when the lead gave them; they win over the postal code.</param>
/// <param name="PostalCode">A US ZIP, used when there are no coordinates.</param>
/// <param name="Language">BCP-47 language; providers who speak it are preferred.</param>
/// <param name="PreferredLocation">A location the lead chose, if any.</param>
/// <param name="MatchKey">A stable key for the person (their contact key): the same person always gets the same provider.</param>
public sealed record PlacementRequest(
    string LeadId,
    string ServiceLine,
    GeoPoint? Position,
    string? PostalCode,
    string Language,
    string? PreferredLocation,
    string MatchKey);

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
