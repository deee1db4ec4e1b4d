using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace NurtureHealth.Tests.Fhir;

/// <summary>
/// Firely's validator over the R4 core definitions (the specification.zip of Hl7.Fhir.Specification.Data.R4): what a
/// strict FHIR server checks before it stores a resource — elements, cardinality, bindings, invariants, and reference
/// target types.
/// </summary>
internal static class R4Validation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver), new StandIns());
    });

    /// <summary>The errors (and fatal issues) Firely's validator finds, as "location: message".</summary>
    public static List<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (Shared)
        {
            outcome = Shared.Value.Validate(resource);
        }

        return outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(",", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}").ToList();
    }

    /// <summary>
    /// Resolves a literal reference (<c>Location/9</c>, or absolute) to an empty resource of the type it names, so the
    /// validator checks each reference's target type against what R4 allows there — which it skips for references it
    /// cannot resolve.
    /// </summary>
    private sealed class StandIns : IExternalReferenceResolver
    {
        public System.Threading.Tasks.Task<object?> ResolveAsync(string reference)
        {
            var parts = reference.Split('/');
            var type = parts.Length >= 2 ? Hl7.Fhir.Model.ModelInfo.GetTypeForFhirType(parts[^2]) : null;
            object? found = type is not null && typeof(Resource).IsAssignableFrom(type) && Activator.CreateInstance(type) is Resource r
                ? Stamp(r, parts[^1])
                : null;
            return System.Threading.Tasks.Task.FromResult(found);
        }

        /// <summary>The smallest valid instance of its type: the validator validates what a reference resolves to as well.</summary>
        private static Resource Stamp(Resource resource, string id)
        {
            resource.Id = id;
            switch (resource)
            {
                case Organization organization:
                    organization.Name = "stand-in"; // org-1: a name or an identifier
                    break;
                case ServiceRequest request:
                    (request.Status, request.Intent, request.Subject) = (RequestStatus.Active, RequestIntent.Proposal, new ResourceReference("Patient/stand-in"));
                    break;
            }

            return resource;
        }
    }
}
