namespace NurtureHealth.Locations;

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
