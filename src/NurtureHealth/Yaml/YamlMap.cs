using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NurtureHealth.Yaml;

/// <summary>
/// Reads one YAML mapping by hand so that every problem carries its line and column, unknown keys get
/// a did-you-mean, and reading goes on after the first mistake (a manager sees all of them at once).
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;

    private YamlMap(YamlDocumentReader file, YamlMappingNode node, string path)
    {
        File = file;
        _node = node;
        Path = path;
    }

    public YamlDocumentReader File { get; }

    /// <summary>The dotted path of this map inside the document, for messages (<c>providers[2]</c>).</summary>
    public string Path { get; }

    public Mark Start => _node.Start;

    internal static YamlMap Of(YamlDocumentReader file, YamlMappingNode node, string path) => new(file, node, path);

    public IEnumerable<string> Keys => _node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    public bool Has(string key) => Find(key) is not null;

    public string? String(string key, bool required = false)
    {
        var node = Value(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            var text = scalar.Value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (required)
                {
                    File.Error(node.Start, $"{Name(key)} is empty");
                }

                return null;
            }

            return text;
        }

        File.Error(node.Start, $"{Name(key)} must be a single value, not a {Kind(node)}");
        return null;
    }

    public bool? Bool(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "true" or "yes":
                return true;
            case "false" or "no":
                return false;
            default:
                File.Error(Find(key)!.Start, $"{Name(key)} must be true or false, not '{text}'");
                return null;
        }
    }

    public double? Double(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        File.Error(Find(key)!.Start, $"{Name(key)} must be a number, not '{text}'");
        return null;
    }

    public IReadOnlyList<string> StringList(string key, bool required = false) =>
        Value(key, required) is { } node ? YamlList.Strings(File, node, Name(key), required) : [];

    public YamlMap? Map(string key, bool required = false)
    {
        var node = Value(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode map)
        {
            return new YamlMap(File, map, Name(key));
        }

        File.Error(node.Start, $"{Name(key)} must be a map of keys and values, not a {Kind(node)}");
        return null;
    }

    public IReadOnlyList<YamlMap> MapList(string key, bool required = false) =>
        Value(key, required) is { } node ? YamlList.Maps(File, node, Name(key)) : [];

    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        var map = Map(key);
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var k in map.Keys)
        {
            result[k] = map.String(k) ?? "";
        }

        return result;
    }

    /// <summary>The position of a key's value, or of this map when the key is absent.</summary>
    public Mark MarkOf(string key) => Find(key)?.Start ?? _node.Start;

    /// <summary>Reports every key this reader was not asked about, suggesting the closest known key.</summary>
    public void RejectUnknownKeys(params string[] known)
    {
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (known.Contains(key, StringComparer.Ordinal))
            {
                continue;
            }

            var suggestion = DidYouMean.Closest(key, known);
            File.Error(keyNode.Start, suggestion is null
                ? $"unknown key '{Name(key)}'; known keys here: {string.Join(", ", known)}"
                : $"unknown key '{Name(key)}'; did you mean '{suggestion}'?");
        }
    }

    public string Name(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private YamlNode? Find(string key)
    {
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    private YamlNode? Value(string key, bool required)
    {
        var node = Find(key);
        if (node is YamlScalarNode { Value: null or "" or "~" or "null", Style: ScalarStyle.Plain })
        {
            node = null;
        }

        if (node is null && required)
        {
            File.Error(_node.Start, $"{Name(key)} is required");
        }

        return node;
    }

    private static string Kind(YamlNode node) => node switch
    {
        YamlSequenceNode => "list",
        YamlMappingNode => "map",
        _ => "value",
    };
}
