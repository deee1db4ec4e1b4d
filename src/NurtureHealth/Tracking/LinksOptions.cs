using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Tracking;

/// <summary>Links in messages (<c>Nurture:Links</c>).</summary>
public sealed class LinksOptions
{
    /// <summary>The public address the host answers on, such as https://nurture.lakeshorehealth.example.</summary>
    [Required(ErrorMessage = "Nurture:Links:BaseUrl is required: the public https address links in messages point to.")]
    [Url(ErrorMessage = "Nurture:Links:BaseUrl must be an absolute URL such as https://nurture.example.org.")]
    public string BaseUrl { get; set; } = "";

    /// <summary>The secret that signs link tokens; at least 32 characters. Changing it breaks links already sent.</summary>
    [Required(ErrorMessage = "Nurture:Links:SigningKey is required: at least 32 random characters that sign link tokens (set it from a secret store, e.g. the environment variable Nurture__Links__SigningKey).")]
    [MinLength(32, ErrorMessage = "Nurture:Links:SigningKey must be at least 32 characters.")]
    public string SigningKey { get; set; } = "";

    /// <summary>Keys signing used before the current one, still accepted when reading links (rotate by moving the old key here).</summary>
    public List<string> PreviousSigningKeys { get; set; } = [];

    /// <summary>How long a link works after it is sent (default 90 days; unsubscribe links must work at least 60).</summary>
    [Range(60, 3650, ErrorMessage = "Nurture:Links:LifetimeDays must be between 60 and 3650: unsubscribe links must keep working for at least 60 days.")]
    public int LifetimeDays { get; set; } = 90;
}
