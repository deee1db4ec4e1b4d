using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Checks;

/// <summary>The worker's hot reload of <c>locations/</c> and <c>templates/</c> (<c>Nurture:HotReload</c>).</summary>
public sealed class HotReloadOptions
{
    /// <summary>Watch the folders and apply valid changes without a restart (default on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long the folders must be quiet after a change before it is checked (an editor saves in several steps; default 0.5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Nurture:HotReload:Delay must be between 00:00:00 and 00:01:00.")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromMilliseconds(500);
}
