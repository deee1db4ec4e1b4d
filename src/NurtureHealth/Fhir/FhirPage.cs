using Hl7.Fhir.Model;

namespace NurtureHealth.Fhir;

/// <summary>
/// One page of a search: the resources of the type searched for, the other resources the page carries (<c>_include</c>),
/// how many entries could not be read at all, and its number (from 1).
/// </summary>
public sealed record FhirPage<T>(List<T> Resources, List<Resource> Included, int Unreadable, int Number) where T : Resource
{
    /// <summary>The resources' <c>meta.lastUpdated</c>, in page order, where it can be read: what a poll's watermark follows.</summary>
    public List<DateTimeOffset> Updated => Resources.Select(r => Leads.FhirShape.Read(() => r.Meta?.LastUpdated)).OfType<DateTimeOffset>().ToList();
}
