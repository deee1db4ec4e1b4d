namespace NurtureHealth.Locations;

/// <summary>Whether a lead was placed at a location.</summary>
public enum ResolutionStatus
{
    /// <summary>Placed at a location (a provider may or may not have been matched).</summary>
    Resolved,

    /// <summary>Not placed; <see cref="Resolution.Unresolved"/> says why. Never guessed.</summary>
    Unresolved,
}
