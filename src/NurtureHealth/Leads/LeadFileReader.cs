namespace NurtureHealth.Leads;

/// <summary>Reads the records of an NDJSON or CSV lead file, one at a time, without loading the file whole.</summary>
public static class LeadFileReader
{
    /// <summary>Opens a file for reading records; throws <see cref="LeadFileException"/> when it cannot be read.</summary>
    public static (LeadFileFormat Format, IEnumerable<ParsedRecord> Records) Open(string path)
    {
        var name = Path.GetFileName(path);
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new LeadFileException($"{path}: cannot open the file: {e.Message}", e);
        }

        try
        {
            Span<byte> head = stackalloc byte[64];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            stream.Position = 0;
            var format = LeadFileFormats.Detect(path, head[..read]);
            return (format, Records(stream, format, name));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads records from a stream in a known format (the stream is disposed at the end).</summary>
    public static IEnumerable<ParsedRecord> Records(Stream stream, LeadFileFormat format, string name)
    {
        using (stream)
        {
            var records = format == LeadFileFormat.Csv ? CsvLeadReader.Read(stream, name) : NdjsonLeadReader.Read(stream, name);
            foreach (var record in records)
            {
                yield return record;
            }
        }
    }
}
