using System.Globalization;

namespace NurtureHealth.Manage;

/// <summary>
/// The hard end of a workspace session: sliding renewal keeps an active session going, this ends it
/// <see cref="ManageOptions.SessionLifetime"/> after sign-in whatever happens. The sign-in time travels in the cookie's
/// protected properties, which renewal carries over.
/// </summary>
public static class SessionLifetime
{
    /// <summary>The property that holds the sign-in time (Unix seconds).</summary>
    public const string SignedInAt = "nurture.signed_in_at";

    /// <summary>Records the sign-in time.</summary>
    public static void Stamp(IDictionary<string, string?> properties, DateTimeOffset now) =>
        properties[SignedInAt] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>True when the session must end: signed in longer ago than <paramref name="lifetime"/>, or with no sign-in time.</summary>
    public static bool Ended(IDictionary<string, string?> properties, DateTimeOffset now, TimeSpan lifetime) =>
        !properties.TryGetValue(SignedInAt, out var at) || !long.TryParse(at, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > lifetime;
}
