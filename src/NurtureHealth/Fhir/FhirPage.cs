using Hl7.Fhir.Model;

namespace NurtureHealth.Fhir;

/// <summary>One page of a search: the resources of the type searched for, how many entries could not be read at all, and its number (from 1).</summary>
public sealed record FhirPage<T>(List<T> Resources, int Unreadable, int Number) where T : Resource;
