namespace NurtureHealth.Locations;

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
