using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Locations;

/// <summary>Where the group's location files live (<c>Nurture:Locations</c>).</summary>
public sealed class LocationsOptions
{
    /// <summary>The folder holding <c>group.yaml</c> and one folder per location (default <c>locations</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Nurture:Locations:Path is required: the folder holding group.yaml and one folder per location.")]
    public string Path { get; set; } = "locations";
}
