using YamlDotNet.Core;

namespace NurtureHealth.Yaml;

/// <summary>
/// A YAML file a person edits, changed surgically: each edit replaces or inserts only the text of one value, so
/// comments, key order, quoting and blank lines everywhere else survive byte for byte. The text is parsed again after
/// every edit (location files are small), so edits compose.
/// </summary>
internal sealed class YamlText
{
    private YamlText(string text, YamlNodeSpan root)
    {
        Text = text;
        Root = root;
    }

    /// <summary>The current text.</summary>
    public string Text { get; private set; }

    public YamlNodeSpan Root { get; private set; }

    private string NewLine => Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    /// <summary>Parses the text; throws <see cref="YamlException"/> when it is not YAML, <see cref="FormatException"/> when the top is not a map.</summary>
    public static YamlText Parse(string text) => new(text, YamlSpans.Parse(text));

    /// <summary>The node at a path of keys (strings) and list indexes (ints), or null.</summary>
    public YamlNodeSpan? Find(params object[] path)
    {
        YamlNodeSpan? node = Root;
        foreach (var step in path)
        {
            node = step switch
            {
                string key when node is YamlMapSpan map => map.Value(key),
                int index when node is YamlListSpan list && index < list.Items.Count => list.Items[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>A scalar's value; null when absent, empty, <c>~</c> or <c>null</c>, or not a scalar.</summary>
    public string? Scalar(params object[] path) =>
        Find(path) is YamlScalarSpan { Value: var v, Style: var style } && !(style == ScalarStyle.Plain && v is "" or "~" or "null") ? v.Trim() : null;

    /// <summary>A list of scalars (a single scalar counts as a list of one); null when absent or not a list.</summary>
    public IReadOnlyList<string>? List(params object[] path) => Find(path) switch
    {
        YamlListSpan list => list.Items.OfType<YamlScalarSpan>().Select(s => s.Value.Trim()).ToList(),
        YamlScalarSpan { Value: { Length: > 0 } v } => [v.Trim()],
        _ => null,
    };

    /// <summary>
    /// Sets a value at a path (rendered YAML text, see <see cref="YamlScalars"/>). An existing scalar keeps its quoting
    /// style; a missing key is added to its map after <paramref name="after"/> (or at the end), creating the map when needed.
    /// Returns false, changing nothing, when the path holds something of another shape (a list where a value belongs).
    /// </summary>
    public bool Set(object[] path, YamlValue value, string? after = null)
    {
        var node = Find(path);
        switch (node)
        {
            case null:
                return Insert(path[..^1], (string)path[^1], value, after);
            case YamlScalarSpan scalar when value.Items is null:
                var rendered = YamlScalars.Render(value.Text!, value.Verbatim ? ScalarStyle.Plain : scalar.Style, value.Verbatim, InFlow(path));
                Replace(scalar.Start, scalar.End, scalar.Start == scalar.End ? " " + rendered : rendered);
                return true;
            case YamlScalarSpan empty when empty.Start == empty.End:
                Replace(empty.Start, empty.End, " " + YamlScalars.FlowList(value.Items!));
                return true;
            case YamlScalarSpan single:
                Replace(single.Start, single.End, YamlScalars.FlowList(value.Items!));
                return true;
            case YamlListSpan { Flow: true } flow when value.Items is not null:
                Replace(flow.Start, flow.End, YamlScalars.FlowList(value.Items));
                return true;
            case YamlListSpan block when value.Items is { Count: > 0 } items && block.Items.All(i => i is YamlScalarSpan):
                var indent = new string(' ', Column(block.Start));
                Replace(block.Start, block.End, string.Join(NewLine + indent, items.Select(i => "- " + YamlScalars.Render(i, ScalarStyle.Plain, inFlow: false))));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Appends an item (lines of a block map, unindented) to a block list, creating the list at the end of its map when absent.</summary>
    public void Append(object[] listPath, IReadOnlyList<string> itemLines)
    {
        var node = Find(listPath);
        var nl = NewLine;
        if (node is YamlListSpan { Flow: false, Items.Count: > 0 } list)
        {
            var indent = new string(' ', Column(list.Start));
            Insert(LineEnd(list.End), nl + Item(indent, itemLines, nl));
            return;
        }

        if (node is YamlListSpan { Items.Count: 0 } or YamlScalarSpan { Value: "" or "~" or "null" })
        {
            // "providers: []" or "providers:" becomes a block list.
            var parentMap = (YamlMapSpan)Find(listPath[..^1])!;
            var entry = parentMap.Entries.First(e => e.Key.Value == (string)listPath[^1]);
            var indent = new string(' ', Column(parentMap.Start) + 2);
            Replace(entry.Key.End, node.End, ":" + nl + Item(indent, itemLines, nl));
            return;
        }

        if (node is null && Find(listPath[..^1]) is YamlMapSpan map)
        {
            var indent = new string(' ', Column(map.Start));
            var at = map.Entries.Count == 0 ? map.End : LineEnd(map.Entries[^1].Value.End);
            Insert(at, nl + indent + (string)listPath[^1] + ":" + nl + Item(indent + "  ", itemLines, nl));
            return;
        }

        throw new FormatException($"{string.Join('.', listPath)} is not a list");
    }

    /// <summary>True when a value at the path sits inside a flow collection ([ ] or { }) at any depth.</summary>
    private bool InFlow(object[] path)
    {
        for (var depth = 0; depth < path.Length; depth++)
        {
            if (Find(path[..depth]) is YamlMapSpan { Flow: true } or YamlListSpan { Flow: true })
            {
                return true;
            }
        }

        return false;
    }

    private static string Item(string indent, IReadOnlyList<string> lines, string nl) =>
        indent + "- " + string.Join(nl + indent + "  ", lines);

    private bool Insert(object[] mapPath, string key, YamlValue value, string? after)
    {
        var node = Find(mapPath);
        var rendered = value.Items is null
            ? YamlScalars.Render(value.Text!, ScalarStyle.Plain, value.Verbatim, node is YamlMapSpan { Flow: true } || InFlow(mapPath))
            : YamlScalars.FlowList(value.Items);
        if (node is null && mapPath.Length > 0 && mapPath[^1] is string parentKey)
        {
            return Insert(mapPath[..^1], parentKey, YamlValue.Raw($"{{ {key}: {rendered} }}"), null);
        }

        if (node is not YamlMapSpan map)
        {
            return false;
        }

        var anchor = map.Entries.Where(e => e.Key.Value == after).Select(e => e.Value).FirstOrDefault()
                     ?? map.Entries.Select(e => e.Value).LastOrDefault();
        if (map.Flow)
        {
            Insert(anchor?.End ?? map.Start + 1, anchor is null ? $" {key}: {rendered} " : $", {key}: {rendered}");
            return true;
        }

        var indent = new string(' ', Column(map.Start));
        Insert(LineEnd(anchor?.End ?? map.End), NewLine + indent + key + ": " + rendered);
        return true;
    }

    private void Replace(int start, int end, string text)
    {
        var updated = string.Concat(Text.AsSpan(0, start), text, Text.AsSpan(end));
        Root = YamlSpans.Parse(updated);
        Text = updated;
    }

    private void Insert(int at, string text) => Replace(at, at, text);

    private int LineEnd(int index)
    {
        var newline = Text.IndexOf('\n', index);
        var end = newline < 0 ? Text.Length : newline;
        return end > 0 && end > index && Text[end - 1] == '\r' ? end - 1 : end;
    }

    private int Column(int index)
    {
        var lineStart = Text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return index == 0 ? 0 : index - lineStart;
    }
}
