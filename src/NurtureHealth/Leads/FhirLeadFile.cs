using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace NurtureHealth.Leads;

/// <summary>
/// Leads in FHIR form, from a file in the inbox or the body of <c>POST /intake/fhir</c>: a Bundle (transaction,
/// batch, collection or searchset), or Bulk Data NDJSON (one resource a line, Patients and ServiceRequests in
/// any order). Every ServiceRequest becomes one lead record, mapped with its Patient by
/// <see cref="FhirLeadMapper"/>; other resources are only read for the Patients they hold. A resource that
/// cannot be read becomes a rejected record naming its position, so nothing is lost.
/// </summary>
public static class FhirLeadFile
{
    /// <summary>The largest FHIR lead file read (a Bundle is read whole).</summary>
    public const long MaxBytes = 256L << 20;

    /// <summary>Reads tolerantly: unknown elements and odd values in fields NurtureHealth does not use are no reason to lose a lead.</summary>
    internal static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Ostrich));

    /// <summary>True when the first bytes of a JSON document name a FHIR resource type.</summary>
    public static bool LooksLikeFhir(ReadOnlySpan<byte> head, out bool bundle)
    {
        bundle = false;
        var start = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        start = start.TrimStart(" \t\r\n"u8);
        if (start.IsEmpty || start[0] != (byte)'{')
        {
            return false;
        }

        start = start[1..].TrimStart(" \t\r\n"u8);
        if (!start.StartsWith("\"resourceType\""u8))
        {
            return false;
        }

        start = start["\"resourceType\""u8.Length..].TrimStart(" \t\r\n"u8);
        start = start.StartsWith(":"u8) ? start[1..].TrimStart(" \t\r\n"u8) : start;
        bundle = start.StartsWith("\"Bundle\""u8);
        return true;
    }

    /// <summary>Reads a Bundle (the stream is disposed at the end).</summary>
    public static IEnumerable<ParsedRecord> ReadBundle(Stream stream, string name, FhirLeadOptions options)
    {
        byte[] bytes;
        using (stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }

        Bundle bundle;
        try
        {
            bundle = Deserializer.Deserialize<Bundle>(Encoding.UTF8.GetString(bytes));
        }
        catch (Exception e) when (e is DeserializationFailedException or JsonException or FormatException or InvalidCastException)
        {
            return [new ParsedRecord(1, bytes, null, new LeadFieldError("record", "malformed-fhir", $"{name} is not a readable FHIR R4 Bundle ({Describe(e)})"))];
        }

        var entries = FhirShape.Read(() => bundle.Entry.Select((e, i) => (Position: i + 1, FullUrl: FhirShape.Read(() => e.FullUrl), Resource: FhirShape.Read(() => e.Resource))).ToList());
        if (entries is null)
        {
            return [new ParsedRecord(1, bytes, null, new LeadFieldError("Bundle.entry", "malformed-fhir", $"{name}: Bundle.entry is not what FHIR R4 allows there (a list of entries)"))];
        }

        return Map(entries, options, "entry");
    }

    /// <summary>Reads Bulk Data NDJSON (the stream is disposed at the end).</summary>
    public static IEnumerable<ParsedRecord> ReadNdjson(Stream stream, string name, FhirLeadOptions options)
    {
        var resources = new List<(int Position, string? FullUrl, Resource? Resource)>();
        var broken = new List<ParsedRecord>();
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    resources.Add((number, null, Deserializer.DeserializeResource(line)));
                }
                catch (Exception e) when (e is DeserializationFailedException or JsonException or FormatException or InvalidCastException)
                {
                    broken.Add(new ParsedRecord(number, Encoding.UTF8.GetBytes(line), null,
                        new LeadFieldError("record", "malformed-fhir", $"line {number} of {name} is not a readable FHIR R4 resource ({Describe(e)})")));
                }
            }
        }

        return broken.Concat(Map(resources, options, "line"));
    }

    private static IEnumerable<ParsedRecord> Map(List<(int Position, string? FullUrl, Resource? Resource)> resources, FhirLeadOptions options, string unit)
    {
        var patients = new Dictionary<string, Patient>(StringComparer.Ordinal);
        foreach (var (_, fullUrl, resource) in resources)
        {
            if (resource is Patient patient)
            {
                if (FhirLeadMapper.IdOf(patient) is { } id)
                {
                    patients[$"Patient/{id}"] = patient;
                }

                if (fullUrl is not null)
                {
                    patients[fullUrl] = patient;
                }
            }
        }

        var container = unit == "entry" ? "Bundle" : "file";
        foreach (var (position, _, resource) in resources)
        {
            if (resource is not ServiceRequest request)
            {
                continue;
            }

            if (FhirLeadMapper.IdOf(request) is not { } id)
            {
                yield return new ParsedRecord(position, [], null,
                    new LeadFieldError("id", "missing-field", $"the ServiceRequest at {unit} {position} has no readable id: each lead needs the id its source system gave it"));
                continue;
            }

            var label = $"ServiceRequest/{id} (at {unit} {position})";
            var reference = FhirShape.Read(() => request.Subject?.Reference);
            var contained = FhirReference.Contained<Patient>(request, reference);
            string? problem = null;
            var patient = contained
                ?? (reference is null ? null : patients.GetValueOrDefault(reference))
                ?? (FhirReference.IdOf(reference, "Patient", serverBase: null, out problem) is { } patientId ? patients.GetValueOrDefault($"Patient/{patientId}") : null);
            var record = FhirLeadMapper.Map(position, request, patient, options, label);
            if (contained is not null && record.Draft is not null)
            {
                record.Draft.SourceReference = null; // a contained Patient has no id of its own on any server
            }

            yield return patient is not null || record.Error is not null ? record : record with
            {
                Error = new LeadFieldError("subject", "missing-patient",
                    $"{label}: {(reference is null ? "it has no subject Patient" : problem is null || reference.StartsWith('#') || reference.StartsWith("urn:", StringComparison.Ordinal) ? $"its subject is not a Patient in the same {container}" : problem)}"),
            };
        }
    }

    /// <summary>The error codes only: the deserializer's messages can quote values, which may be PHI.</summary>
    private static string Describe(Exception e) => e switch
    {
        DeserializationFailedException d => string.Join(", ", d.Exceptions.Select(x => x.ErrorCode).Distinct().Take(5)),
        JsonException j => $"JSON syntax error{(j.LineNumber is { } line ? $" on line {line + 1}" : "")}",
        _ => e.GetType().Name,
    };
}
