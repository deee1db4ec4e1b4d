using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace NurtureHealth.Workspace;

/// <summary>
/// Reads the editable facts out of a <c>location.yaml</c> and writes changed ones back into its text, touching only the
/// values that changed: every other line, comment and the file's layout stay as the group wrote them, so the diff a
/// reviewer sees (and the git history) shows only what the manager changed.
/// </summary>
public static partial class LocationYamlEditor
{
    /// <summary>The editable facts as the file states them now (missing days are closed; providers take new patients unless it says not).</summary>
    /// <exception cref="FormatException">The file is not a YAML mapping.</exception>
    public static LocationEdit Read(string text)
    {
        var root = Root(text);
        var hours = LocationEdit.Days.ToDictionary(d => d, _ => "closed");
        if (Value(root, "hours") is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                if (key is YamlScalarNode { Value: { } day } && value is YamlScalarNode { Value: { } span })
                {
                    hours[day.Trim().ToLowerInvariant()] = span;
                }
            }
        }

        var holidays = Value(root, "holidays") is YamlSequenceNode list
            ? list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList()
            : [];
        var providers = new List<ProviderEdit>();
        if (Value(root, "providers") is YamlSequenceNode people)
        {
            foreach (var person in people.Children.OfType<YamlMappingNode>())
            {
                var id = (Value(person, "id") as YamlScalarNode)?.Value ?? "";
                var name = (Value(person, "name") as YamlScalarNode)?.Value ?? id;
                var accepting = (Value(person, "accepting_new_patients") as YamlScalarNode)?.Value is not { } flag || !flag.Equals("false", StringComparison.OrdinalIgnoreCase);
                var languages = Value(person, "languages") is YamlSequenceNode spoken ? spoken.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList() : ["en"];
                providers.Add(new ProviderEdit(id, name, accepting, languages));
            }
        }

        return new LocationEdit(hours, holidays, providers);
    }

    /// <summary>The file's text with <paramref name="edit"/> written in; unchanged text when nothing differs.</summary>
    /// <exception cref="FormatException">The file is not a YAML mapping, or a language is not a language code.</exception>
    public static string Apply(string text, LocationEdit edit)
    {
        foreach (var provider in edit.Providers)
        {
            if (provider.Languages.FirstOrDefault(l => !LanguageCode().IsMatch(l)) is { } bad)
            {
                throw new FormatException($"{provider.Name}: '{bad}' is not a language code; write codes such as en, es, vi, separated by commas");
            }
        }

        var current = Read(text);
        var root = Root(text);
        var changes = new List<(int Start, int End, string With)>();
        var appended = "";

        if (!LocationEdit.Days.All(d => current.Hours.GetValueOrDefault(d) == edit.Hours.GetValueOrDefault(d, "closed")))
        {
            var days = LocationEdit.Days.Select(d => (Key: d, Value: Scalar(edit.Hours.GetValueOrDefault(d, "closed")))).ToList();
            if (Value(root, "hours") is { } hours)
            {
                changes.Add(Replace(text, hours, days));
            }
            else
            {
                appended += "hours:\n" + string.Concat(days.Select(d => $"  {d.Key}: {d.Value}\n"));
            }
        }

        if (!current.Holidays.SequenceEqual(edit.Holidays))
        {
            var flow = "[" + string.Join(", ", edit.Holidays.Select(h => Scalar(h, quoteDates: true))) + "]";
            if (Value(root, "holidays") is { } holidays)
            {
                changes.Add((Start(holidays), End(text, holidays), flow));
            }
            else if (edit.Holidays.Count > 0)
            {
                appended += $"holidays: {flow}\n";
            }
        }

        if (Value(root, "providers") is YamlSequenceNode people)
        {
            foreach (var person in people.Children.OfType<YamlMappingNode>())
            {
                var id = (Value(person, "id") as YamlScalarNode)?.Value;
                var was = current.Providers.FirstOrDefault(p => p.Id == id);
                var now = edit.Providers.FirstOrDefault(p => p.Id == id);
                if (was is null || now is null)
                {
                    continue;
                }

                if (was.Accepting != now.Accepting)
                {
                    changes.Add(Set(text, person, "accepting_new_patients", now.Accepting ? "true" : "false"));
                }

                if (!was.Languages.SequenceEqual(now.Languages))
                {
                    changes.Add(Set(text, person, "languages", "[" + string.Join(", ", now.Languages) + "]"));
                }
            }
        }

        var result = text;
        foreach (var (start, end, with) in changes.OrderByDescending(c => c.Start))
        {
            result = result[..start] + with + result[end..];
        }

        if (appended.Length > 0)
        {
            result = (result.Length == 0 || result.EndsWith('\n') ? result : result + "\n") + appended;
        }

        return result;
    }

    private static YamlMappingNode Root(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"location.yaml is not valid YAML (line {e.Start.Line}): {e.Message}", e);
        }

        return stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode ?? throw new FormatException("location.yaml is not a map of keys and values");
    }

    private static YamlNode? Value(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } k } && k == key).Value;

    /// <summary>Replaces a map's value keeping its style: a block map stays a block at the same indentation.</summary>
    private static (int, int, string) Replace(string text, YamlNode node, List<(string Key, string Value)> entries)
    {
        var start = Start(node);
        if (node is YamlMappingNode && text[start] != '{')
        {
            var indent = new string(' ', start - LineStart(text, start));
            return (start, End(text, node), string.Join("\n" + indent, entries.Select(e => $"{e.Key}: {e.Value}")));
        }

        return (start, End(text, node), "{ " + string.Join(", ", entries.Select(e => $"{e.Key}: {e.Value}")) + " }");
    }

    /// <summary>Sets one key of a provider: its value replaced, or a new line under the provider's other keys.</summary>
    private static (int, int, string) Set(string text, YamlMappingNode person, string key, string value)
    {
        if (Value(person, key) is { } existing)
        {
            return (Start(existing), End(text, existing), value);
        }

        var start = Start(person);
        var end = End(text, person);
        if (text[start] == '{')
        {
            return (end - 1, end - 1, $", {key}: {value} ");
        }

        return (end, end, "\n" + new string(' ', start - LineStart(text, start)) + $"{key}: {value}");
    }

    private static int Start(YamlNode node) => (int)node.Start.Index;

    /// <summary>Where a value's own text ends: after its last scalar for a block collection (whose end mark is the next key's).</summary>
    private static int End(string text, YamlNode node) => node switch
    {
        YamlMappingNode map when text[Start(node)] != '{' => map.Children.Count == 0 ? Start(node) : map.Children.Max(c => End(text, c.Value)),
        YamlSequenceNode list when text[Start(node)] != '[' => list.Children.Count == 0 ? Start(node) : list.Children.Max(c => End(text, c)),
        YamlMappingNode or YamlSequenceNode => FlowEnd(text, Start(node)),
        _ => (int)node.End.Index,
    };

    /// <summary>Just after the bracket that closes the flow collection opening at <paramref name="start"/> (quotes respected).</summary>
    private static int FlowEnd(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                    {
                        i += text[i] == '\\' ? 1 : 0;
                    }

                    break;
                case '\'':
                    for (i++; i < text.Length && !(text[i] == '\'' && (i + 1 >= text.Length || text[i + 1] != '\'')); i++)
                    {
                        i += text[i] == '\'' ? 1 : 0; // '' is a quote inside single quotes
                    }

                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return text.Length;
    }

    private static int LineStart(string text, int index) => text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;

    /// <summary>A value as YAML writes it: quoted when it holds anything YAML could read as something else.</summary>
    private static string Scalar(string value, bool quoteDates = false)
    {
        var text = value.Trim();
        if (!quoteDates && text.Length > 0 && text.All(c => char.IsAsciiLetter(c)))
        {
            return text;
        }

        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial System.Text.RegularExpressions.Regex LanguageCode();

    /// <summary>A date written for a form: <c>yyyy-MM-dd</c>.</summary>
    public static string DateText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
