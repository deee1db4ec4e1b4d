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

    private readonly LeadTimestamp _timestamps = new(clock);

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
        var submittedAt = _timestamps.Normalize("submitted_at", draft["submitted_at"], required: true, list);
        var source = Catalogued("source", draft["source"], group.LeadSources, "unknown-source", "lead source", list);
        var serviceLine = Catalogued("service_line", draft["service_line"], group.ServiceLines.Keys, "unknown-service-line", "service line", list);
        var interest = FreeText.Normalize("interest", draft["interest"], MaxInterestLength, "invalid-interest", list);
        var firstName = PersonName.Normalize("first_name", draft["first_name"], required: true, list);
        var lastName = PersonName.Normalize("last_name", draft["last_name"], required: false, list);
        var email = EmailAddress.Normalize(draft["email"], list);
        var phone = PhoneNumber.Normalize(draft["phone"], list);
        if (draft["email"] is null && draft["phone"] is null)
        {
            list.Add(new LeadFieldError("email", "no-contact", "the record has neither email nor phone, so the patient cannot be reached"));
        }

        var postalCode = LeadPlace.PostalCode(draft["postal_code"], list);
        var position = LeadPlace.Position(draft["lat"], draft["lon"], list);
        var language = LeadLanguage.Normalize(draft["language"], list);
        var preferred = PreferredLocation(draft["preferred_location"], list);
        var consent = LeadConsent.Read(draft, submittedAt, _timestamps, list);

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

    /// <summary>Quotes a non-personal value in a message, shortened and stripped of control characters.</summary>
    internal static string Quote(string value)
    {
        var clean = new string(value.Trim().Where(c => !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format && !char.IsSurrogate(c))
            .Take(40).ToArray());
        return value.Trim().Length > 40 ? clean + "…" : clean;
    }
}
