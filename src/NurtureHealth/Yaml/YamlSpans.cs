using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NurtureHealth.Yaml;

/// <summary>
/// Parses YAML into a small tree whose every node knows the span of text it came from. YamlDotNet's representation
/// model gives collections no end position, so this reads the parser's events instead.
/// </summary>
internal static class YamlSpans
{
    public static YamlNodeSpan Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _))
        {
            throw new FormatException("the file is empty: it must hold a map of keys and values");
        }

        var root = Read(parser);
        return root is YamlMapSpan ? root : throw new FormatException("the file must hold a map of keys and values");
    }

    private static YamlNodeSpan Read(IParser parser)
    {
        switch (parser.Consume<NodeEvent>())
        {
            case YamlDotNet.Core.Events.Scalar s:
                return new YamlScalarSpan((int)s.Start.Index, (int)s.End.Index, s.Value, s.Style);
            case MappingStart m:
                var entries = new List<(YamlScalarSpan Key, YamlNodeSpan Value)>();
                MappingEnd? mapEnd;
                while (!parser.TryConsume<MappingEnd>(out mapEnd))
                {
                    var key = Read(parser) as YamlScalarSpan ?? throw new FormatException("keys must be single values");
                    entries.Add((key, Read(parser)));
                }

                var flowMap = m.Style == YamlDotNet.Core.Events.MappingStyle.Flow;
                return new YamlMapSpan((int)m.Start.Index, flowMap ? (int)mapEnd!.Start.Index + 1 : LastEnd(entries.Select(e => e.Value), (int)m.Start.Index), flowMap, entries);
            case SequenceStart q:
                var items = new List<YamlNodeSpan>();
                SequenceEnd? listEnd;
                while (!parser.TryConsume<SequenceEnd>(out listEnd))
                {
                    items.Add(Read(parser));
                }

                var flowList = q.Style == YamlDotNet.Core.Events.SequenceStyle.Flow;
                return new YamlListSpan((int)q.Start.Index, flowList ? (int)listEnd!.Start.Index + 1 : LastEnd(items, (int)q.Start.Index), flowList, items);
            case var other:
                throw new FormatException($"unsupported YAML ({other.GetType().Name}) at line {other.Start.Line}");
        }
    }

    // A block collection ends where its last value does (the parser's own end mark lies at the next token).
    private static int LastEnd(IEnumerable<YamlNodeSpan> children, int start) => children.LastOrDefault()?.End ?? start;
}

/// <summary>A value to write: scalar text, or a list of scalars; <see cref="Verbatim"/> text is written as is (numbers, booleans, flow maps).</summary>
internal sealed record YamlValue(string? Text, IReadOnlyList<string>? Items, bool Verbatim)
{
    public static YamlValue Of(string text) => new(text, null, false);

    public static YamlValue Raw(string yaml) => new(yaml, null, true);

    public static YamlValue Of(IReadOnlyList<string> items) => new(null, items, false);
}

internal abstract record YamlNodeSpan(int Start, int End);

internal sealed record YamlScalarSpan(int Start, int End, string Value, ScalarStyle Style) : YamlNodeSpan(Start, End);

internal sealed record YamlListSpan(int Start, int End, bool Flow, IReadOnlyList<YamlNodeSpan> Items) : YamlNodeSpan(Start, End);

internal sealed record YamlMapSpan(int Start, int End, bool Flow, IReadOnlyList<(YamlScalarSpan Key, YamlNodeSpan Value)> Entries) : YamlNodeSpan(Start, End)
{
    public YamlNodeSpan? Value(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}
