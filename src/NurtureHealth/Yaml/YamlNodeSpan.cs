namespace NurtureHealth.Yaml;

internal abstract record YamlNodeSpan(int Start, int End);
