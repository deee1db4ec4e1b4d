namespace NurtureHealth.Locations;

/// <summary>BCP-47 language tag helpers (the subset NurtureHealth needs: language, script, region).</summary>
public static class LanguageTag
{
    /// <summary>The primary language subtag, lower case: <c>es-MX</c> → <c>es</c>.</summary>
    public static string Primary(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? tag : tag[..dash]).ToLowerInvariant();
    }

    /// <summary>
    /// Parses and canonicalises a tag (<c>ES_mx</c> → <c>es-MX</c>). Accepts language (2–3 letters),
    /// an optional script (4 letters) and an optional region (2 letters or 3 digits).
    /// </summary>
    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var parts = value.Trim().Replace('_', '-').Split('-');
        if (parts.Length > 3 || parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetter))
        {
            return false;
        }

        var result = parts[0].ToLowerInvariant();
        var i = 1;
        if (i < parts.Length && parts[i].Length == 4 && parts[i].All(char.IsAsciiLetter))
        {
            result += "-" + char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant();
            i++;
        }

        if (i < parts.Length)
        {
            var region = parts[i];
            if (region.Length == 2 && region.All(char.IsAsciiLetter))
            {
                result += "-" + region.ToUpperInvariant();
            }
            else if (region.Length == 3 && region.All(char.IsAsciiDigit))
            {
                result += "-" + region;
            }
            else
            {
                return false;
            }

            i++;
        }

        if (i != parts.Length)
        {
            return false;
        }

        normalized = result;
        return true;
    }
}
