using System.Globalization;
using System.Text.Json;

namespace NurtureHealth.Fhir;

/// <summary>Reads a token endpoint's JSON answer (RFC 6749 §5.1 and §5.2), tolerating what real servers send.</summary>
internal static class SmartTokenAnswer
{
    /// <summary>access_token, token_type and expires_in (300 seconds when absent; some servers send it as a string).</summary>
    public static (string? Token, string? Type, TimeSpan Lifetime) Read(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, TimeSpan.Zero);
            }

            var token = root.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var type = root.TryGetProperty("token_type", out var y) && y.ValueKind == JsonValueKind.String ? y.GetString() : null;
            var seconds = !root.TryGetProperty("expires_in", out var x) ? 300
                : x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out var n) ? n
                : x.ValueKind == JsonValueKind.String && int.TryParse(x.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s
                : 300;
            return (string.IsNullOrEmpty(token) ? null : token, type, TimeSpan.FromSeconds(Math.Max(seconds, 0)));
        }
        catch (JsonException e)
        {
            throw new SmartTokenException("the token endpoint's answer is not JSON", e);
        }
    }

    /// <summary>The OAuth <c>error</c> code of a refusal, when it is one (a short ASCII word; anything else is left out).</summary>
    public static string? ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var e)
                && e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 and <= 64 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
                ? code
                : null;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status alone says it was refused.
            return null;
        }
    }
}
