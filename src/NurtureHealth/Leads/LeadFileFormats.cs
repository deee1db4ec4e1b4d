namespace NurtureHealth.Leads;

/// <summary>
/// Picks the format of a lead file: a JSON file whose first member is <c>resourceType</c> is FHIR (a Bundle, or
/// Bulk Data NDJSON); otherwise the name decides, or the first byte when the name says nothing.
/// </summary>
public static class LeadFileFormats
{
    /// <summary>Extensions the inbox picks up.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".ndjson", ".jsonl", ".json", ".csv"];

    /// <summary>The format for a path; throws <see cref="LeadFileException"/> when it is neither.</summary>
    public static LeadFileFormat Detect(string path, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension != ".csv" && FhirLeadFile.LooksLikeFhir(head, out var bundle))
        {
            return bundle ? LeadFileFormat.FhirBundle : LeadFileFormat.FhirNdjson;
        }

        switch (extension)
        {
            case ".ndjson" or ".jsonl" or ".json":
                return LeadFileFormat.Ndjson;
            case ".csv":
                return LeadFileFormat.Csv;
        }

        var start = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        start = start.TrimStart(" \t\r\n"u8);
        if (!start.IsEmpty && start[0] == (byte)'{')
        {
            return LeadFileFormat.Ndjson;
        }

        if (start.StartsWith("id,"u8) || start.StartsWith("\"id\","u8))
        {
            return LeadFileFormat.Csv;
        }

        throw new LeadFileException(
            $"{Path.GetFileName(path)}: cannot tell the format; name it .ndjson, .jsonl or .csv");
    }
}
