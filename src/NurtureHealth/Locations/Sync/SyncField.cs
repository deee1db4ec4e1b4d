using System.Globalization;

using NurtureHealth.Yaml;

namespace NurtureHealth.Locations.Sync;

/// <summary>
/// One FHIR-owned field of a location file: its name in messages and in the baseline, its path in the YAML, and the key
/// it follows when it has to be added. Values travel as their display text ("[en, es]" for a list).
/// </summary>
internal sealed record SyncField(string Name, object[] Path, SyncFieldKind Kind, string? After = null)
{
    public static readonly IReadOnlyList<SyncField> Location =
    [
        new("name", ["name"], SyncFieldKind.Text, "id"),
        new("active", ["active"], SyncFieldKind.Boolean, "name"),
        new("position.lat", ["position", "lat"], SyncFieldKind.Number),
        new("position.lon", ["position", "lon"], SyncFieldKind.Number, "lat"),
        new("address.line1", ["address", "line1"], SyncFieldKind.Text),
        new("address.line2", ["address", "line2"], SyncFieldKind.Text, "line1"),
        new("address.city", ["address", "city"], SyncFieldKind.Text, "line2"),
        new("address.state", ["address", "state"], SyncFieldKind.Text, "city"),
        new("address.postal_code", ["address", "postal_code"], SyncFieldKind.Text, "state"),
        new("phone", ["phone"], SyncFieldKind.Text, "address"),
    ];

    public static readonly IReadOnlyList<SyncField> Provider =
    [
        new("name", ["name"], SyncFieldKind.Text, "fhir_id"),
        new("specialties", ["specialties"], SyncFieldKind.List),
        new("languages", ["languages"], SyncFieldKind.List, "specialties"),
        new("accepting_new_patients", ["accepting_new_patients"], SyncFieldKind.Boolean, "languages"),
    ];

    /// <summary>The location's FHIR values by field name (null: the server says nothing).</summary>
    public static Dictionary<string, string?> ValuesOf(LocationInFhir l) => new(StringComparer.Ordinal)
    {
        ["name"] = l.Name,
        ["active"] = Bool(l.Active),
        ["position.lat"] = l.Latitude is { } lat ? YamlScalars.Number(lat) : null,
        ["position.lon"] = l.Longitude is { } lon ? YamlScalars.Number(lon) : null,
        ["address.line1"] = l.Line1,
        ["address.line2"] = l.Line2,
        ["address.city"] = l.City,
        ["address.state"] = l.State,
        ["address.postal_code"] = l.PostalCode,
        ["phone"] = l.Phone,
    };

    /// <summary>The provider's FHIR values by field name (null: the server says nothing).</summary>
    public static Dictionary<string, string?> ValuesOf(ProviderInFhir p) => new(StringComparer.Ordinal)
    {
        ["name"] = p.Name,
        ["specialties"] = p.Specialties is null ? null : ListText(p.Specialties),
        ["languages"] = p.Languages is null ? null : ListText(p.Languages),
        ["accepting_new_patients"] = Bool(p.AcceptingNewPatients),
    };

    /// <summary>The field's value in the file: (false, null) when absent or empty.</summary>
    public (bool Present, string? Value) Read(YamlText file, object[] prefix)
    {
        var path = prefix.Concat(Path).ToArray();
        if (Kind == SyncFieldKind.List)
        {
            if (file.Find(path) is null || (file.Find(path) is YamlScalarSpan && file.Scalar(path) is null))
            {
                return (false, null);
            }

            return file.List(path) is { } items ? (true, ListText(items)) : (true, "(a map)");
        }

        return file.Find(path) switch
        {
            null => (false, null),
            YamlScalarSpan => file.Scalar(path) is { } v ? (true, v) : (false, null),
            YamlListSpan => (true, "(a list)"),
            _ => (true, "(a map)"),
        };
    }

    /// <summary>The YAML to write for a value of this field.</summary>
    public YamlValue ToYaml(string value) => Kind switch
    {
        SyncFieldKind.List => YamlValue.Of(ParseList(value)),
        SyncFieldKind.Number or SyncFieldKind.Boolean => YamlValue.Raw(value),
        _ => YamlValue.Of(value),
    };

    /// <summary>Equal in meaning: numbers by value, booleans by truth (yes = true), lists as sets, text exactly.</summary>
    public bool Same(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return Kind switch
        {
            SyncFieldKind.Number => decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) &&
                                    decimal.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) ? x == y : a == b,
            SyncFieldKind.Boolean => ParseBool(a) is { } p && ParseBool(b) is { } q ? p == q : a == b,
            SyncFieldKind.List => ParseList(a).ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(ParseList(b)),
            _ => string.Equals(a.Trim(), b.Trim(), StringComparison.Ordinal),
        };
    }

    /// <summary>A value as printed: quoted when it holds spaces, so where it starts and ends is clear.</summary>
    public static string Show(string? value) =>
        value is null ? "(none)" : value.Length == 0 || (value.Contains(' ', StringComparison.Ordinal) && !value.StartsWith('[')) ? $"\"{value}\"" : value;

    public static string ListText(IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";

    public static IReadOnlyList<string> ParseList(string text) =>
        text.Trim().TrimStart('[').TrimEnd(']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Bool(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    private static bool? ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => null,
    };
}
