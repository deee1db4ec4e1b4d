namespace NurtureHealth.Leads;

/// <summary>
/// A lead record as read from a file, before validation: every field as the text it arrived with
/// (JSON numbers and booleans in their JSON spelling). Field names follow the lead record format.
/// </summary>
public sealed class LeadDraft
{
    /// <summary>The field names a lead record may carry, in the order CSV writers should use.</summary>
    public static readonly IReadOnlyList<string> FieldNames =
    [
        "id", "submitted_at", "source", "service_line", "interest", "first_name", "last_name", "email", "phone",
        "postal_code", "lat", "lon", "language", "preferred_location",
        "consent.email", "consent.sms", "consent.sms_text", "consent.at",
    ];

    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    /// <summary>Fields that held a value of the wrong shape (an object where text was expected).</summary>
    public List<string> WrongTypeFields { get; } = [];

    /// <summary>The value of a field, or null when absent, null or blank.</summary>
    public string? this[string field]
    {
        get => _values.TryGetValue(field, out var v) ? v : null;
        set => _values[field] = string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>True when the record names the field at all (even as null).</summary>
    public bool Has(string field) => _values.ContainsKey(field);
}
