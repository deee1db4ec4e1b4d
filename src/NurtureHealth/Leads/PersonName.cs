using System.Globalization;
using System.Text;

namespace NurtureHealth.Leads;

/// <summary>Normalises a person's name: trimmed, single spaces, NFC; all-caps or all-lower turned to title case.</summary>
internal static class PersonName
{
    private const int MaxLength = 100;
    private static readonly TextInfo Title = CultureInfo.GetCultureInfo("en-US").TextInfo;

    public static string? Normalize(string field, string? value, bool required, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(new LeadFieldError(field, "missing-field", $"{field} is required: messages greet the patient by name"));
            }

            return null;
        }

        var text = string.Join(' ', value.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > MaxLength)
        {
            errors.Add(new LeadFieldError(field, "invalid-name", $"{field} is longer than {MaxLength} characters"));
            return null;
        }

        if (text.Any(char.IsControl) || text.Contains('@') || !text.Any(char.IsLetter))
        {
            errors.Add(new LeadFieldError(field, "invalid-name",
                $"{field} does not look like a name (it has no letters, holds an email address or control characters)"));
            return null;
        }

        var letters = text.Where(char.IsLetter).ToArray();
        var allUpper = letters.All(char.IsUpper);
        var allLower = letters.All(char.IsLower);
        return letters.Length > 1 && (allUpper || allLower) ? Title.ToTitleCase(text.ToLowerInvariant()) : text;
    }
}
