using System.Globalization;
using System.Text;

namespace NurtureHealth.Leads;

/// <summary>Normalises a person's name: trimmed, single spaces, NFC; all-caps or all-lower turned to title case.</summary>
internal static class PersonName
{
    private const int MaxLength = 100;
    private static readonly TextInfo Title = CultureInfo.GetCultureInfo("en-US").TextInfo;
    private static readonly char[] Markup = ['<', '>', '[', ']', '{', '}', '\\', '|', '`'];

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

        if (HiddenText.FindIn(text, allowJoiners: true) is { } hidden)
        {
            errors.Add(new LeadFieldError(field, "invalid-name", $"{field} holds an invisible character ({hidden}) that can disguise what it says"));
            return null;
        }

        // Lead forms are public: a "name" that is a link, markup or a MIME encoded word would speak for the clinic in its email.
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase)
            || text.Contains("=?", StringComparison.Ordinal) || text.IndexOfAny(Markup) >= 0)
        {
            errors.Add(new LeadFieldError(field, "invalid-name",
                $"{field} does not look like a name (it holds a web address, an encoded word or markup characters such as < > [ ] {{ }})"));
            return null;
        }

        var letters = text.Where(char.IsLetter).ToArray();
        var allUpper = letters.All(char.IsUpper);
        var allLower = letters.All(char.IsLower);
        return letters.Length > 1 && (allUpper || allLower) ? Title.ToTitleCase(text.ToLowerInvariant()) : text;
    }
}
