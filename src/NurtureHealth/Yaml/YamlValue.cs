namespace NurtureHealth.Yaml;

/// <summary>A value to write: scalar text, or a list of scalars; <see cref="Verbatim"/> text is written as is (numbers, booleans, flow maps).</summary>
internal sealed record YamlValue(string? Text, IReadOnlyList<string>? Items, bool Verbatim)
{
    public static YamlValue Of(string text) => new(text, null, false);

    public static YamlValue Raw(string yaml) => new(yaml, null, true);

    public static YamlValue Of(IReadOnlyList<string> items) => new(null, items, false);
}
