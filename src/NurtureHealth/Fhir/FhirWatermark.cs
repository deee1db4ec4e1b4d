namespace NurtureHealth.Fhir;

/// <summary>How far a FHIR poll has read: the newest <c>meta.lastUpdated</c> it processed and committed.</summary>
public sealed class FhirWatermark
{
    /// <summary>leads or bookings.</summary>
    public string Name { get; set; } = "";
    public DateTimeOffset Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
