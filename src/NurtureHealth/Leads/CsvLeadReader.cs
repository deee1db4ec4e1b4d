using System.Text;

namespace NurtureHealth.Leads;

/// <summary>
/// Reads CSV lead records (RFC 4180): a header row naming the fields, commas between fields, double
/// quotes around fields holding commas, quotes or line breaks (a quote inside doubled), CRLF or LF.
/// Blank lines are skipped; consent columns may be written <c>consent.sms</c> or <c>consent_sms</c>.
/// A record is at most <see cref="NdjsonLeadReader.MaxRecordBytes"/>, like an NDJSON line: a longer one (most often a quote
/// never closed, which runs to the end of the file) is rejected with its first part kept, in bounded memory.
/// </summary>
internal static class CsvLeadReader
{
    public static IEnumerable<ParsedRecord> Read(Stream stream, string fileName)
    {
        var reader = new ByteLineReader(stream);
        reader.SkipByteOrderMark(fileName);
        var fields = new List<byte[]>();
        var raw = new List<byte>(512);
        string[]? header = null;
        while (true)
        {
            var line = reader.Line;
            var status = ReadRecord(reader, fields, raw);
            if (status == RecordStatus.End)
            {
                if (header is null)
                {
                    throw new LeadFileException($"{fileName}: the file is empty; a lead CSV starts with a header row such as id,submitted_at,source,…");
                }

                yield break;
            }

            if (status == RecordStatus.Blank)
            {
                continue;
            }

            if (header is null)
            {
                header = ReadHeader(fields, fileName);
                continue;
            }

            yield return ToRecord(line, raw.ToArray(), fields, header, status);
        }
    }

    private static string[] ReadHeader(List<byte[]> fields, string fileName)
    {
        var names = fields.Select(f => Encoding.UTF8.GetString(f).Trim().ToLowerInvariant()).Select(Canonical).ToArray();
        if (!names.Any(LeadDraft.IsField))
        {
            throw new LeadFileException(
                $"{fileName}: the first row is not a header naming lead fields (id, submitted_at, source, service_line, …)");
        }

        return names;
    }

    private static string Canonical(string name) =>
        name.StartsWith("consent_", StringComparison.Ordinal) ? "consent." + name["consent_".Length..] : name;

    private static ParsedRecord ToRecord(int line, byte[] raw, List<byte[]> fields, string[] header, RecordStatus status)
    {
        if (status is RecordStatus.TooLong or RecordStatus.TooLongUnclosedQuote)
        {
            const int KiB = NdjsonLeadReader.MaxRecordBytes / 1024;
            return new ParsedRecord(line, raw, null, new LeadFieldError("record", "malformed-record", status == RecordStatus.TooLongUnclosedQuote
                ? $"a quoted field is never closed, so the rest of the file was read as this one record; only its first {KiB} KiB were kept " +
                  "(every opening \" needs a closing \"; write \"\" for a quote inside)"
                : $"the record is longer than {KiB} KiB; only its first {KiB} KiB were kept"));
        }

        if (status == RecordStatus.UnclosedQuote)
        {
            return new ParsedRecord(line, raw, null, new LeadFieldError("record", "malformed-record",
                "a quoted field is never closed; every opening \" needs a closing \" (write \"\" for a quote inside)"));
        }

        if (fields.Count != header.Length)
        {
            return new ParsedRecord(line, raw, null, new LeadFieldError("record", "malformed-record",
                $"the record has {fields.Count} fields but the header has {header.Length}; quote fields that contain commas"));
        }

        var draft = new LeadDraft();
        for (var i = 0; i < header.Length; i++)
        {
            if (Utf8Check.FirstInvalidByte(fields[i]) is { } bad)
            {
                return new ParsedRecord(line, raw, null, Utf8Check.Error(header[i].Length == 0 ? "record" : header[i], fields[i], bad));
            }

            if (LeadDraft.IsField(header[i]))
            {
                draft[header[i]] = Encoding.UTF8.GetString(fields[i]);
            }
        }

        return new ParsedRecord(line, raw, draft, null);
    }

    private enum RecordStatus
    {
        Record,
        Blank,
        UnclosedQuote,
        TooLong,
        TooLongUnclosedQuote,
        End,
    }

    private static RecordStatus ReadRecord(ByteLineReader reader, List<byte[]> fields, List<byte> raw)
    {
        fields.Clear();
        raw.Clear();
        if (reader.AtEnd)
        {
            return RecordStatus.End;
        }

        var field = new List<byte>(64);
        var quoted = false;
        var wasQuoted = false;
        var endsWithBareCr = false;
        var tooLong = false;
        while (true)
        {
            var b = reader.Next();
            if (b < 0)
            {
                if (quoted)
                {
                    fields.Add([.. field]);
                    return tooLong ? RecordStatus.TooLongUnclosedQuote : RecordStatus.UnclosedQuote;
                }

                break;
            }

            if (!tooLong && raw.Count >= NdjsonLeadReader.MaxRecordBytes)
            {
                // Past the limit only the record's end is looked for; nothing more is kept.
                tooLong = true;
                fields.Clear();
            }

            if ((b != '\n' || quoted) && !tooLong)
            {
                raw.Add((byte)b);
                endsWithBareCr = !quoted && b == '\r';
            }

            if (quoted)
            {
                if (b == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        var quote = reader.Next();
                        if (!tooLong)
                        {
                            raw.Add((byte)quote);
                            field.Add((byte)'"');
                        }
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (!tooLong)
                {
                    field.Add((byte)b);
                }

                continue;
            }

            switch (b)
            {
                case '"' when field.Count == 0 && !wasQuoted:
                    quoted = true;
                    wasQuoted = true;
                    break;
                case ',':
                    if (!tooLong)
                    {
                        fields.Add([.. field]);
                    }

                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\n':
                    goto endOfRecord;
                default:
                    if (!tooLong)
                    {
                        field.Add((byte)b);
                    }

                    break;
            }
        }

    endOfRecord:
        if (tooLong)
        {
            return RecordStatus.TooLong;
        }

        if (endsWithBareCr && field.Count > 0 && field[^1] == '\r')
        {
            field.RemoveAt(field.Count - 1);
        }

        if (raw.Count > 0 && raw[^1] == '\r')
        {
            raw.RemoveAt(raw.Count - 1);
        }

        fields.Add([.. field]);
        if (fields.TrueForAll(f => f.AsSpan().Trim(" \t\r"u8).IsEmpty))
        {
            return RecordStatus.Blank;
        }

        return RecordStatus.Record;
    }
}
