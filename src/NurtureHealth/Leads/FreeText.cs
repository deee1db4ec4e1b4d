namespace NurtureHealth.Leads;

/// <summary>Normalises a free-text field (an interest, a consent's wording): single spaces, plain text, within a length.</summary>
internal static class FreeText
{
    public static string? Normalize(string field, string? value, int max, string code, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        var text = string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > max || text.Any(char.IsControl) || HiddenText.FindIn(text, allowJoiners: true) is not null)
        {
            errors.Add(new LeadFieldError(field, code, $"{field} must be at most {max} characters of plain text (no control or invisible characters)"));
            return null;
        }

        return text;
    }
}
