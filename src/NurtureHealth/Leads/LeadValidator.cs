using System.Globalization;
using NurtureHealth.Locations;

namespace NurtureHealth.Leads;

/// <summary>
/// Validates and normalises lead records against the group's catalogue. Every problem is reported
/// with the field and a specific reason; messages never quote a patient's personal data.
/// </summary>
public sealed class LeadValidator(ClinicGroup group, TimeProvider clock)
{
    /// <summary>How far in the future a timestamp may be before it is refused (clock skew between systems).</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(15);

    private const int MaxIdLength = 128;
    private const int MaxInterestLength = 200;
    private const int MaxConsentTextLength = 2000;

    /// <summary>Validates one record; returns the normalised lead, or null with every error found.</summary>
    public ValidLead? Validate(LeadDraft draft, int line, out IReadOnlyList<LeadFieldError> errors)
    {
        var list = new List<LeadFieldError>();
        errors = list;
        foreach (var field in draft.WrongTypeFields)
        {
            list.Add(new LeadFieldError(field, "wrong-type", $"{field} must be a single value, not an object or a list"));
        }

        var id = Id(draft["id"], list);
        var submittedAt = Timestamp("submitted_at", draft["submitted_at"], required: true, list);
        var source = Catalogued("source", draft["source"], group.LeadSources, "unknown-source", "lead source", list);
        var serviceLine = Catalogued("service_line", draft["service_line"], group.ServiceLines.Keys, "unknown-service-line", "service line", list);
        var interest = FreeText("interest", draft["interest"], MaxInterestLength, "invalid-interest", list);
        var firstName = PersonName.Normalize("first_name", draft["first_name"], required: true, list);
        var lastName = PersonName.Normalize("last_name", draft["last_name"], required: false, list);
        var email = EmailAddress.Normalize(draft["email"], list);
        var phone = PhoneNumber.Normalize(draft["phone"], list);
        if (draft["email"] is null && draft["phone"] is null)
        {
            list.Add(new LeadFieldError("email", "no-contact", "the record has neither email nor phone, so the patient cannot be reached"));
        }

        var postalCode = PostalCode(draft["postal_code"], list);
        var position = Position(draft["lat"], draft["lon"], list);
        var language = Language(draft["language"], list);
        var preferred = PreferredLocation(draft["preferred_location"], list);
        var consent = ConsentOf(draft, submittedAt, list);

        if (list.Count > 0)
        {
            return null;
        }

        return new ValidLead(line, id!, submittedAt!.Value, source!, serviceLine!, interest, firstName!, lastName, email, phone,
            postalCode, position, language, preferred, consent)
        { SourceReference = draft.SourceReference };
    }

    private static string? Id(string? value, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            errors.Add(new LeadFieldError("id", "missing-field", "id is required: each lead needs the id its source system gave it"));
            return null;
        }

        var id = value.Trim();
        if (id.Length > MaxIdLength || id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) || HiddenText.FindIn(id) is not null)
        {
            errors.Add(new LeadFieldError("id", "invalid-id", $"id must be at most {MaxIdLength} characters with no spaces, control or invisible characters"));
            return null;
        }

        return id;
    }

    private DateTimeOffset? Timestamp(string field, string? value, bool required, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(new LeadFieldError(field, "missing-field", $"{field} is required (ISO 8601, such as 2026-11-20T15:04:05Z)"));
            }

            return null;
        }

        var text = value.Trim();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || !HasOffset(text))
        {
            errors.Add(new LeadFieldError(field, "invalid-timestamp",
                $"{field} is not an ISO 8601 timestamp with a time zone, such as 2026-11-20T15:04:05Z or 2026-11-20T09:04:05-06:00"));
            return null;
        }

        if (at > clock.GetUtcNow() + AllowedClockSkew)
        {
            errors.Add(new LeadFieldError(field, "invalid-timestamp", $"{field} is in the future (more than {AllowedClockSkew.TotalMinutes:0} minutes ahead of this server's clock)"));
            return null;
        }

        return at.ToUniversalTime();
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (t < 0)
        {
            return false;
        }

        var time = text[(t + 1)..];
        return time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+') || time.Contains('-');
    }

    private static string? Catalogued(string field, string? value, IEnumerable<string> known, string code, string what, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            errors.Add(new LeadFieldError(field, "missing-field", $"{field} is required"));
            return null;
        }

        var normalized = value.Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-');
        var list = known as IReadOnlyCollection<string> ?? known.ToList();
        if (list.Contains(normalized))
        {
            return normalized;
        }

        var hint = Yaml.DidYouMean.Closest(normalized, list);
        errors.Add(new LeadFieldError(field, code, hint is null
            ? $"{field} '{Quote(value)}' is not a {what} of the group; known: {string.Join(", ", list)}"
            : $"{field} '{Quote(value)}' is not a {what} of the group; did you mean '{hint}'?"));
        return null;
    }

    private static string? FreeText(string field, string? value, int max, string code, List<LeadFieldError> errors)
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

    private static string? PostalCode(string? value, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length == 9 && text.AsSpan().ContainsOnlyDigits())
        {
            text = $"{text[..5]}-{text[5..]}";
        }

        if (!ZipCentroids.IsWellFormed(text))
        {
            errors.Add(new LeadFieldError("postal_code", "invalid-postal-code",
                "postal_code must be a US ZIP of 5 digits (or ZIP+4 such as 60614-1234); a leading zero may have been lost in a spreadsheet"));
            return null;
        }

        return text;
    }

    private static GeoPoint? Position(string? lat, string? lon, List<LeadFieldError> errors)
    {
        if (lat is null && lon is null)
        {
            return null;
        }

        if (lat is null || lon is null)
        {
            errors.Add(new LeadFieldError(lat is null ? "lat" : "lon", "invalid-coordinates", "lat and lon must be given together, or both left empty"));
            return null;
        }

        if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) ||
            !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
        {
            errors.Add(new LeadFieldError("lat", "invalid-coordinates", "lat and lon must be decimal degrees such as 41.92 and -87.65"));
            return null;
        }

        var point = new GeoPoint(la, lo);
        if (!point.IsValid)
        {
            errors.Add(new LeadFieldError(la is < -90 or > 90 ? "lat" : "lon", "invalid-coordinates",
                "lat must lie between -90 and 90 and lon between -180 and 180 (are they swapped?)"));
            return null;
        }

        if (la == 0 && lo == 0)
        {
            errors.Add(new LeadFieldError("lat", "invalid-coordinates", "lat 0, lon 0 is a placeholder, not a position; leave both empty instead"));
            return null;
        }

        return point;
    }

    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["english"] = "en",
        ["inglés"] = "en",
        ["ingles"] = "en",
        ["spanish"] = "es",
        ["español"] = "es",
        ["espanol"] = "es",
    };

    private static string Language(string? value, List<LeadFieldError> errors)
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
            $"language '{Quote(value)}' is not a BCP-47 language tag such as en, es or es-MX"));
        return "en";
    }

    private string? PreferredLocation(string? value, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        var id = value.Trim().ToLowerInvariant();
        if (group.Find(id) is not null)
        {
            return id;
        }

        var hint = Yaml.DidYouMean.Closest(id, group.Locations.Select(l => l.Id));
        errors.Add(new LeadFieldError("preferred_location", "unknown-location", hint is null
            ? $"preferred_location '{Quote(value)}' is not a location of the group"
            : $"preferred_location '{Quote(value)}' is not a location of the group; did you mean '{hint}'?"));
        return null;
    }

    private Consent ConsentOf(LeadDraft draft, DateTimeOffset? submittedAt, List<LeadFieldError> errors)
    {
        var email = Flag("consent.email", draft["consent.email"], errors);
        var sms = Flag("consent.sms", draft["consent.sms"], errors) ?? false;
        var text = FreeText("consent.sms_text", draft["consent.sms_text"], MaxConsentTextLength, "invalid-consent", errors);
        var at = Timestamp("consent.at", draft["consent.at"], required: false, errors);
        if (sms && text is null && draft["consent.sms_text"] is null)
        {
            errors.Add(new LeadFieldError("consent.sms_text", "invalid-consent",
                "consent.sms is true but consent.sms_text (the wording the patient agreed to) is missing; SMS consent must be provable"));
        }

        // A consent given on the form is given when the form was submitted, unless the record says otherwise.
        return new Consent(email, sms, sms ? text : null, at ?? submittedAt);
    }

    private static bool? Flag(string field, string? value, List<LeadFieldError> errors)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "y" or "1":
                return true;
            case "false" or "no" or "n" or "0":
                return false;
            default:
                errors.Add(new LeadFieldError(field, "invalid-consent", $"{field} must be true or false, not '{Quote(value)}'"));
                return null;
        }
    }

    /// <summary>Quotes a non-personal value in a message, shortened and stripped of control characters.</summary>
    internal static string Quote(string value)
    {
        var clean = new string(value.Trim().Where(c => !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format && !char.IsSurrogate(c))
            .Take(40).ToArray());
        return value.Trim().Length > 40 ? clean + "…" : clean;
    }
}
