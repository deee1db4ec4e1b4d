using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace NurtureHealth.Tests.Fhir;

/// <summary>
/// A FHIR server at the HTTP seam, in memory: creates (honouring <c>If-None-Exist: identifier=system|value</c> the way
/// a real server does — 201 new, 200 found, 412 for several), identifier searches, and empty answers to anything else
/// (slot look-ups). It validates every create against R4 with Firely's validator and refuses what R4 does not allow (422),
/// as a strict server does. It can be down, lose the answer to a create it stored, or refuse creates with a status code.
/// </summary>
internal sealed class FakeFhirServer : HttpMessageHandler
{
    private static readonly FhirJsonSerializer Serializer = new();
    private static readonly FhirJsonDeserializer Deserializer = new();
    private readonly List<(string Json, Resource Resource)> _stored = [];
    private readonly List<string> _requests = [];
    private readonly List<string> _invalid = [];
    private int _id;

    /// <summary>Every R4 validation error in what was posted (refused with 422, as a validating server refuses it).</summary>
    public IReadOnlyList<string> Invalid
    {
        get
        {
            lock (_invalid)
            {
                return [.. _invalid];
            }
        }
    }

    /// <summary>Every request connection fails.</summary>
    public bool Down { get; set; }

    /// <summary>The next create is stored, and then the connection drops before the answer arrives.</summary>
    public bool LoseNextAnswer { get; set; }

    /// <summary>Creates are answered with this status and an OperationOutcome.</summary>
    public HttpStatusCode? RefuseCreatesWith { get; set; }

    /// <summary>Each request as "METHOD /path?query [If-None-Exist: …]".</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_stored)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Stored resources of one type, with the JSON exactly as it was posted.</summary>
    public IReadOnlyList<(string Json, T Resource)> Stored<T>() where T : Resource
    {
        lock (_stored)
        {
            return _stored.Where(s => s.Resource is T).Select(s => (s.Json, (T)s.Resource)).ToList();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var condition = request.Headers.TryGetValues("If-None-Exist", out var values) ? Uri.UnescapeDataString(values.Single()) : null;
        var path = request.RequestUri!.AbsolutePath[(request.RequestUri.AbsolutePath.IndexOf("/fhir/", StringComparison.Ordinal) + 6)..];
        lock (_stored)
        {
            _requests.Add($"{request.Method} /{path}{Uri.UnescapeDataString(request.RequestUri.Query)}{(condition is null ? "" : $" [If-None-Exist: {condition}]")}");
            if (Down)
            {
                throw new HttpRequestException("Connection refused (fake FHIR server is down)");
            }

            if (request.Method == HttpMethod.Post && !path.Contains('/', StringComparison.Ordinal))
            {
                return Create(body, condition);
            }

            var identifier = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["identifier"];
            var found = identifier is null ? [] : Matching(path, identifier);
            return Answer(HttpStatusCode.OK, new Bundle { Type = Bundle.BundleType.Searchset, Total = found.Count, Entry = found.Select(r => new Bundle.EntryComponent { Resource = r }).ToList() });
        }
    }

    protected override void Dispose(bool disposing)
    {
        // Shared by every client the factory makes: outlives their handler chains.
    }

    private HttpResponseMessage Create(string json, string? condition)
    {
        if (RefuseCreatesWith is { } refusal)
        {
            return Answer(refusal, new OperationOutcome { Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = OperationOutcome.IssueType.Invalid }] });
        }

        var resource = Deserializer.DeserializeResource(json);
        if (R4Validation.Errors(resource) is { Count: > 0 } errors)
        {
            // As a validating server does: what R4 does not allow is refused, and the test that caused it fails on it.
            lock (_invalid)
            {
                _invalid.AddRange(errors.Select(e => $"{resource.TypeName}: {e}"));
            }

            return Answer(HttpStatusCode.UnprocessableEntity, new OperationOutcome { Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = OperationOutcome.IssueType.Invalid }] });
        }

        if (condition is not null)
        {
            var found = Matching(resource.TypeName, condition["identifier=".Length..]);
            if (found.Count > 1)
            {
                return Answer(HttpStatusCode.PreconditionFailed, new OperationOutcome());
            }

            if (found.Count == 1)
            {
                return Answer(HttpStatusCode.OK, found[0]);
            }
        }

        resource.Id = $"{++_id}";
        _stored.Add((json, resource));
        if (LoseNextAnswer)
        {
            LoseNextAnswer = false;
            throw new HttpRequestException("The connection dropped before the answer (fake FHIR server)");
        }

        return Answer(HttpStatusCode.Created, resource);
    }

    private List<Resource> Matching(string type, string identifier)
    {
        var (system, value) = (identifier[..identifier.IndexOf('|', StringComparison.Ordinal)], identifier[(identifier.IndexOf('|', StringComparison.Ordinal) + 1)..]);
        return _stored.Select(s => s.Resource).Where(r => r.TypeName == type && Identifiers(r).Any(i => i.System == system && i.Value == value)).ToList();
    }

    private static List<Identifier> Identifiers(Resource resource) => resource switch
    {
        Communication c => c.Identifier,
        Hl7.Fhir.Model.Task t => t.Identifier,
        _ => [],
    };

    private static HttpResponseMessage Answer(HttpStatusCode status, Resource resource) => new(status)
    {
        Content = new StringContent(Serializer.SerializeToString(resource), Encoding.UTF8, "application/fhir+json"),
    };
}
