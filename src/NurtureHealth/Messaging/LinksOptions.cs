using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Messaging;

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

    /// <summary>
    /// UTM tags the click-through adds to the booking link, so the booking site's analytics can count nurture's bookings. They
    /// are the same for every patient — <c>utm_source</c>, <c>utm_campaign</c>, the channel as <c>utm_medium</c> and the funnel
    /// stage as <c>utm_content</c> — and never name a sequence, a step or a service line: a third party's analytics must not
    /// learn what a patient was reading about. Empty turns UTM tags off.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._-]*$", ErrorMessage = "Nurture:Links:UtmSource may hold letters, digits, '.', '_' and '-' only.")]
    public string UtmSource { get; set; } = "nurturehealth";

    /// <summary>The <c>utm_campaign</c> value (default <c>nurture</c>); see <see cref="UtmSource"/>.</summary>
    [RegularExpression("^[A-Za-z0-9._-]*$", ErrorMessage = "Nurture:Links:UtmCampaign may hold letters, digits, '.', '_' and '-' only.")]
    public string UtmCampaign { get; set; } = "nurture";

    /// <summary>How long a link works after it is sent (default 90 days; unsubscribe links must work at least 60).</summary>
    [Range(60, 3650, ErrorMessage = "Nurture:Links:LifetimeDays must be between 60 and 3650: unsubscribe links must keep working for at least 60 days.")]
    public int LifetimeDays { get; set; } = 90;
}
