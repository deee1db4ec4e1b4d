using System.Globalization;

namespace NurtureHealth.Leads;

/// <summary>Checks and normalises an email address: trimmed, lower case, international domains in ASCII (punycode).</summary>
internal static class EmailAddress
{
    private static readonly IdnMapping Idn = new();

    public static string? Normalize(string? value, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim().Trim('<', '>');
        if (text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[7..];
        }

        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.IndexOf('@') != at)
        {
            errors.Add(Invalid("it needs exactly one @ between a name and a domain"));
            return null;
        }

        var local = text[..at];
        var domain = text[(at + 1)..].TrimEnd('.');
        if (local.Length > 64 || local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or ',' or ';' or '(' or ')' or '<' or '>' or '[' or ']' or '\\')
            || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            errors.Add(Invalid("the part before the @ has spaces or characters an address cannot hold"));
            return null;
        }

        string asciiDomain;
        try
        {
            asciiDomain = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            errors.Add(Invalid("the domain after the @ is not a valid host name"));
            return null;
        }

        var labels = asciiDomain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-') ||
                                                  !l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            || !labels[^1].Any(char.IsAsciiLetter))
        {
            errors.Add(Invalid("the domain after the @ is not a valid host name (such as example.com)"));
            return null;
        }

        var address = $"{local}@{asciiDomain}".ToLowerInvariant();
        if (address.Length > 254)
        {
            errors.Add(Invalid("it is longer than 254 characters"));
            return null;
        }

        return address;
    }

    private static LeadFieldError Invalid(string why) => new("email", "invalid-email", $"email is not a valid address: {why}");
}
