using System.Security.Cryptography;
using System.Text;

namespace NurtureHealth.Messaging.Sms;

/// <summary>
/// Checks <c>X-Twilio-Signature</c>: base64 of HMAC-SHA1, keyed by the auth token, over the full public URL
/// Twilio called followed by every POST parameter's name and value, sorted by name (ordinal). The URL is
/// tried as configured and with its default port added or removed, since proxies differ; the compare
/// takes constant time.
/// </summary>
public static class TwilioSignature
{
    /// <summary>The signature Twilio would send for this URL and form.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>True when <paramref name="signature"/> matches the URL (with or without its default port) and form.</summary>
    public static bool IsValid(string authToken, string url, IReadOnlyCollection<KeyValuePair<string, string>> form, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(signature);
        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            valid |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Compute(authToken, candidate, form)), given);
        }

        return valid;
    }

    private static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            yield break;
        }

        var builder = new UriBuilder(uri);
        var explicitPort = url.Contains($"{uri.Host}:{uri.Port}", StringComparison.OrdinalIgnoreCase);
        if (explicitPort && uri.IsDefaultPort)
        {
            builder.Port = -1;
            yield return builder.Uri.AbsoluteUri;
        }
        else if (!explicitPort)
        {
            yield return $"{uri.Scheme}://{uri.Host}:{uri.Port}{uri.PathAndQuery}";
        }
    }
}
