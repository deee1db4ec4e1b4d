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
