namespace NurtureHealth.Leads;

/// <summary>Reads the records of a lead file (NDJSON, CSV, or FHIR), NDJSON and CSV one at a time without loading the file whole.</summary>
public static class LeadFileReader
{
    /// <summary>Opens a file for reading records; throws <see cref="LeadFileException"/> when it cannot be read.</summary>
    /// <param name="path">The file.</param>
    /// <param name="fhir">How FHIR resources map to leads (the defaults when null).</param>
    public static (LeadFileFormat Format, IEnumerable<ParsedRecord> Records) Open(string path, FhirLeadOptions? fhir = null)
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
            if (format == LeadFileFormat.FhirBundle && stream.Length > FhirLeadFile.MaxBytes)
            {
                throw new LeadFileException($"{path}: a FHIR Bundle is read whole, and this one is larger than {FhirLeadFile.MaxBytes >> 20} MiB; split it, or send Bulk Data NDJSON");
            }

            return (format, Records(stream, format, name, fhir));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads records from a stream in a known format (the stream is disposed at the end).</summary>
    public static IEnumerable<ParsedRecord> Records(Stream stream, LeadFileFormat format, string name, FhirLeadOptions? fhir = null)
    {
        if (format is LeadFileFormat.FhirBundle)
        {
            return FhirLeadFile.ReadBundle(stream, name, fhir ?? new FhirLeadOptions());
        }

        if (format is LeadFileFormat.FhirNdjson)
        {
            return FhirLeadFile.ReadNdjson(stream, name, fhir ?? new FhirLeadOptions());
        }

        return Lines(stream, format, name);
    }

    private static IEnumerable<ParsedRecord> Lines(Stream stream, LeadFileFormat format, string name)
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
