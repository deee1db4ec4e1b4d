using YamlDotNet.RepresentationModel;

namespace NurtureHealth.Yaml;

/// <summary>
/// Reads a YAML list found under a key of a <see cref="YamlMap"/>: a list of single values, or a list of maps. An item of
/// the wrong kind is a finding at its own line, and the other items are still read.
/// </summary>
internal static class YamlList
{
    /// <summary>The values of the list <paramref name="node"/>, named <paramref name="name"/> in findings; a single value is a list of one.</summary>
    public static IReadOnlyList<string> Strings(YamlDocumentReader file, YamlNode node, string name, bool required)
    {
        if (node is YamlScalarNode single && !string.IsNullOrWhiteSpace(single.Value))
        {
            return [single.Value.Trim()];
        }

        if (node is not YamlSequenceNode sequence)
        {
            file.Error(node.Start, $"{name} must be a list such as [a, b]");
            return [];
        }

        var items = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
            {
                items.Add(v.Trim());
            }
            else
            {
                file.Error(item.Start, $"{name} items must be single values");
            }
        }

        if (required && items.Count == 0)
        {
            file.Error(node.Start, $"{name} must list at least one item");
        }

        return items;
    }

    /// <summary>The maps of the list <paramref name="node"/>, each named <c>name[i]</c> in findings.</summary>
    public static IReadOnlyList<YamlMap> Maps(YamlDocumentReader file, YamlNode node, string name)
    {
        if (node is not YamlSequenceNode sequence)
        {
            file.Error(node.Start, $"{name} must be a list (each item starting with '- ')");
            return [];
        }

        var maps = new List<YamlMap>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            if (item is YamlMappingNode map)
            {
                maps.Add(YamlMap.Of(file, map, $"{name}[{index}]"));
            }
            else
            {
                file.Error(item.Start, $"{name}[{index}] must be a map of keys and values");
            }

            index++;
        }

        return maps;
    }
}
