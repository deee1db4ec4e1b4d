using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Manage;

/// <summary>
/// <c>Nurture:Manage</c>: the location managers' workspace under <c>/manage</c>, signed in with the group's identity
/// provider by OpenID Connect. Off until <see cref="Authority"/> is set.
/// </summary>
public sealed class ManageOptions
{
    /// <summary>The identity provider's issuer address (its <c>/.well-known/openid-configuration</c> is read from it).</summary>
    public string Authority { get; set; } = "";

    /// <summary>The workspace's client id at the identity provider.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The client secret (keep it in a secret file: <c>Nurture__Manage__ClientSecret</c>).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Refuse an identity provider that is not on https (false only for a test provider on this machine).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Scopes asked for besides <c>openid</c>, <c>profile</c> and <c>email</c> (the one that releases the role and location claims).</summary>
    public string[] Scopes { get; set; } = [];

    /// <summary>The claim that holds the person's roles.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim that holds the ids of the locations a manager manages (one claim per id, or a JSON array).</summary>
    public string LocationsClaim { get; set; } = "locations";

    /// <summary>The role value that makes someone a location manager (their own locations).</summary>
    public string ManagerRole { get; set; } = "location-manager";

    /// <summary>The role value for group marketing: every location, approves changes.</summary>
    public string MarketingRole { get; set; } = "group-marketing";

    /// <summary>The role value for read-only viewers: the locations in their locations claim (<c>*</c> for every location).</summary>
    public string ViewerRole { get; set; } = "viewer";

    /// <summary>Let managers publish hours and holidays without approval (other changes still wait for marketing).</summary>
    public bool ManagersPublishHours { get; set; }

    /// <summary>Sign out after this long without a request.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Sign out after this long whatever happens.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// A folder for the keys that protect the sign-in cookie. With several nodes behind one address, point them all at one
    /// shared folder, or a session signed in on one node is not known on another. Empty: this machine's default.
    /// </summary>
    public string KeysPath { get; set; } = "";

    /// <summary>True when the workspace is configured.</summary>
    public bool Enabled => Authority.Length > 0;
}
