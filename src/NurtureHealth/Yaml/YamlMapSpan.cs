namespace NurtureHealth.Yaml;

internal sealed record YamlMapSpan(int Start, int End, bool Flow, IReadOnlyList<(YamlScalarSpan Key, YamlNodeSpan Value)> Entries) : YamlNodeSpan(Start, End)
{
    public YamlNodeSpan? Value(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}
