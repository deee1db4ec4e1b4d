using NurtureHealth.Locations;

namespace NurtureHealth.Leads;

/// <summary>Normalises a lead's language to a BCP-47 tag; a language written out in English or Spanish is understood too; English when absent.</summary>
internal static class LeadLanguage
{
    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["english"] = "en",
        ["inglés"] = "en",
        ["ingles"] = "en",
        ["spanish"] = "es",
        ["español"] = "es",
        ["espanol"] = "es",
    };

    public static string Normalize(string? value, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            return "en";
        }

        if (LanguageNames.TryGetValue(value.Trim(), out var named))
        {
            return named;
        }

        if (LanguageTag.TryNormalize(value, out var tag))
        {
            return tag;
        }

        errors.Add(new LeadFieldError("language", "invalid-language",
            $"language '{LeadValidator.Quote(value)}' is not a BCP-47 language tag such as en, es or es-MX"));
        return "en";
    }
}
