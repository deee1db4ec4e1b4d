namespace NurtureHealth.Yaml;

internal sealed record YamlListSpan(int Start, int End, bool Flow, IReadOnlyList<YamlNodeSpan> Items) : YamlNodeSpan(Start, End);
