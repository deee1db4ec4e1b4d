namespace NurtureHealth.Leads;

/// <summary>The file formats of lead records.</summary>
public enum LeadFileFormat
{
    /// <summary>Newline-delimited JSON: one object a line.</summary>
    Ndjson,

    /// <summary>Comma-separated values with a header row naming the fields.</summary>
    Csv,

    /// <summary>A FHIR R4 Bundle of ServiceRequests and their Patients (see <see cref="FhirLeadFile"/>).</summary>
    FhirBundle,

    /// <summary>FHIR Bulk Data NDJSON: one resource a line, ServiceRequests and their Patients.</summary>
    FhirNdjson,
}
