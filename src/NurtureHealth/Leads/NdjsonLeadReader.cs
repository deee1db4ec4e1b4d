using System.Buffers;
using System.Text;
using System.Text.Json;

namespace NurtureHealth.Leads;

/// <summary>Reads NDJSON lead records: one JSON object a line; blank lines are skipped.</summary>
internal static class NdjsonLeadReader
{
    public const int MaxRecordBytes = 1 << 20;

    public static IEnumerable<ParsedRecord> Read(Stream stream, string fileName)
    {
        var reader = new ByteLineReader(stream);
        reader.SkipByteOrderMark(fileName);
        var line = new List<byte>(512);
        while (true)
        {
            line.Clear();
            var number = reader.Line;
            if (!reader.ReadLine(line, MaxRecordBytes, out var truncated))
            {
                yield break;
            }

            var bytes = line.ToArray();
            if (bytes.AsSpan().Trim(" \t\r"u8).IsEmpty && !truncated)
            {
                continue;
            }

            if (truncated)
            {
                yield return new ParsedRecord(number, bytes, null, new LeadFieldError("record", "malformed-record",
                    $"the record is longer than {MaxRecordBytes / 1024} KiB; only its first {MaxRecordBytes / 1024} KiB were kept"));
                continue;
            }

            yield return Parse(number, bytes);
        }
    }

    internal static ParsedRecord Parse(int line, byte[] bytes)
    {
        if (Utf8Check.FirstInvalidByte(bytes) is { } bad)
        {
            return new ParsedRecord(line, bytes, null, Utf8Check.Error("record", bytes, bad));
        }

        try
        {
            return new ParsedRecord(line, bytes, ReadObject(bytes), null);
        }
        catch (JsonException e)
        {
            // The JSON reader's message names a position, never the values around it.
            var where = e.BytePositionInLine is { } column ? $" at column {column + 1}" : "";
            return new ParsedRecord(line, bytes, null, new LeadFieldError("record", "malformed-record",
                $"not a JSON object{where}: {FirstSentence(e.Message)}"));
        }
        catch (BrokenTextException e)
        {
            return new ParsedRecord(line, bytes, null, new LeadFieldError(e.Field, "invalid-text",
                $"{e.Field} holds an escape for half a character (a lone surrogate such as \\ud800), which is not text; the sending system has a bug"));
        }
    }

    /// <summary>A JSON string whose escapes do not make text (a lone UTF-16 surrogate, <c>"\ud800"</c>).</summary>
    private sealed class BrokenTextException(string field) : Exception($"{field} does not hold text")
    {
        public string Field { get; } = field;
    }

    private static string? Text(ref Utf8JsonReader json, string field)
    {
        try
        {
            return json.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new BrokenTextException(field);
        }
    }

    private static LeadDraft ReadObject(byte[] bytes)
    {
        var json = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!json.Read() || json.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("each line must hold one JSON object, starting with '{'");
        }

        var draft = new LeadDraft();
        ReadProperties(ref json, draft, prefix: "");
        if (json.Read())
        {
            throw new JsonException("there is more after the object; put one object on each line", null, null, json.BytesConsumed);
        }

        return draft;
    }

    private static void ReadProperties(ref Utf8JsonReader json, LeadDraft draft, string prefix)
    {
        while (json.Read() && json.TokenType != JsonTokenType.EndObject)
        {
            var name = prefix + Text(ref json, "a field name");
            json.Read();
            if (prefix.Length == 0 && name == "consent" && json.TokenType == JsonTokenType.StartObject)
            {
                ReadProperties(ref json, draft, "consent.");
                continue;
            }

            switch (json.TokenType)
            {
                case JsonTokenType.String:
                    draft[name] = Text(ref json, name);
                    break;
                case JsonTokenType.Number:
                    draft[name] = Encoding.UTF8.GetString(json.HasValueSequence ? json.ValueSequence.ToArray() : json.ValueSpan);
                    break;
                case JsonTokenType.True:
                    draft[name] = "true";
                    break;
                case JsonTokenType.False:
                    draft[name] = "false";
                    break;
                case JsonTokenType.Null:
                    draft[name] = null;
                    break;
                default:
                    json.Skip();
                    draft.MarkWrongType(name);
                    break;
            }
        }
    }

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " LineNumber:", " Path:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd();
    }
}
