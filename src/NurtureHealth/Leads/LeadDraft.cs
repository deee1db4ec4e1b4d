namespace NurtureHealth.Leads;

/// <summary>
/// A lead record as read from a file, before validation: every field as the text it arrived with
/// (JSON numbers and booleans in their JSON spelling). Field names follow the lead record format;
/// fields outside it are ignored.
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

    private static readonly Dictionary<string, int> Ordinals =
        FieldNames.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);

    // One slot per field: a draft is made for every record read, so it stays small.
    private readonly string?[] _values = new string?[FieldNames.Count];
    private List<string>? _wrongType;

    /// <summary>Where the record came from in another system (a FHIR <c>Patient/123</c>); not a field of the file formats.</summary>
    public string? SourceReference { get; set; }

    /// <summary>Fields that held a value of the wrong shape (an object where text was expected).</summary>
    public IReadOnlyList<string> WrongTypeFields => _wrongType ?? (IReadOnlyList<string>)[];

    /// <summary>The value of a field, or null when absent, null or blank. Setting a field outside the format does nothing.</summary>
    public string? this[string field]
    {
        get => Ordinals.TryGetValue(field, out var i) ? _values[i] : null;
        set
        {
            if (Ordinals.TryGetValue(field, out var i))
            {
                _values[i] = string.IsNullOrWhiteSpace(value) ? null : value;
            }
        }
    }

    /// <summary>True when <paramref name="field"/> is one of <see cref="FieldNames"/>.</summary>
    public static bool IsField(string field) => Ordinals.ContainsKey(field);

    /// <summary>Records that a field held an object or a list where a single value belongs.</summary>
    public void MarkWrongType(string field)
    {
        if (IsField(field))
        {
            (_wrongType ??= []).Add(field);
        }
    }
}
