using YamlDotNet.Core;

namespace NurtureHealth.Yaml;

internal sealed record YamlScalarSpan(int Start, int End, string Value, ScalarStyle Style) : YamlNodeSpan(Start, End);
