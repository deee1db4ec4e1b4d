using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Locations;

/// <summary>Options for placing leads (<c>Nurture:Resolution</c>).</summary>
public sealed class ResolutionOptions
{
    /// <summary>Farthest a lead may be from the location it is placed at, in km (default 80).</summary>
    [Range(1, 20_000, ErrorMessage = "Nurture:Resolution:MaxDistanceKm must be between 1 and 20000 km.")]
    public double MaxDistanceKm { get; set; } = 80;
}
