using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace NurtureHealth.Tests.Fhir;

/// <summary>
/// A FHIR server at the HTTP seam for the leads poll: ServiceRequest searches by <c>_lastUpdated=ge</c>, sorted, paged by
/// <c>_offset</c> with absolute next links, and Patient searches by <c>_id</c>. Resources are kept as JSON text, so a test
/// can serve one shaped unlike R4 (which no real server would store). It can fail one page, or ask for a pause (429).
/// </summary>
internal sealed class PagedFhirServer : HttpMessageHandler
{
    public const string BaseUrl = "https://ehr.test.example/fhir";
    private readonly List<JsonObject> _requests = [];
    private readonly Dictionary<string, JsonObject> _patients = [];
    private readonly List<string> _log = [];

    /// <summary>Every request, as "GET /ServiceRequest?…".</summary>
    public IReadOnlyList<string> Log => _log;

    /// <summary>The ServiceRequest page number (from 1) to answer with 500 once.</summary>
    public int? FailPageOnce { get; set; }

    /// <summary>How many requests to answer 429 (Retry-After: 0) before serving.</summary>
    public int TooManyRequests { get; set; }

    /// <summary>The resource types whose search the CapabilityStatement at /metadata declares.</summary>
    public List<string> Searchable { get; } = ["ServiceRequest", "Patient", "Appointment"];

    /// <summary>Whether /metadata declares, and searches honour, <c>_include=ServiceRequest:subject</c>.</summary>
    public bool IncludeSubject { get; set; }

    /// <summary>Ignores <c>_sort</c>: serves the newest first, as some servers do.</summary>
    public bool Unsorted { get; set; }

    /// <summary>Answers Patient searches with 400, as a server that cannot take the id list.</summary>
    public bool RefusePatients { get; set; }

    /// <summary>Called as a ServiceRequest page is about to be served, with its number.</summary>
    public Action<int>? Serving { get; set; }

    /// <summary>Adds a Patient and a ServiceRequest for it, updated at <paramref name="updated"/>; <paramref name="shape"/> may poison the request's JSON.</summary>
    public void AddLead(string id, DateTimeOffset updated, Action<JsonObject>? shape = null)
    {
        var patient = JsonNode.Parse($$"""
            {"resourceType":"Patient","id":"p-{{id}}","name":[{"given":["Ana"],"family":"Ruiz"}],
             "telecom":[{"system":"email","value":"{{id}}@example.com"}],"address":[{"use":"home","postalCode":"60614"}]}
            """)!.AsObject();
        var request = JsonNode.Parse($$"""
            {"resourceType":"ServiceRequest","id":"{{id}}","meta":{"versionId":"1","lastUpdated":"{{updated.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}}"},
             "status":"active","intent":"proposal","subject":{"reference":"{{BaseUrl}}/Patient/p-{{id}}"},
             "code":{"coding":[{"system":"https://nurturehealth.example/fhir/service-line","code":"dermatology"}],"text":"Acne scarring"},
             "authoredOn":"2026-11-20T15:00:00Z"}
            """)!.AsObject();
        shape?.Invoke(request);
        _patients[$"p-{id}"] = patient;
        _requests.Add(request);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath[(uri.AbsolutePath.IndexOf("/fhir/", StringComparison.Ordinal) + 5)..];
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        lock (_log)
        {
            _log.Add($"{request.Method} {path}{Uri.UnescapeDataString(uri.Query)}");
        }

        if (TooManyRequests > 0)
        {
            TooManyRequests--;
            var slow = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            slow.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
            return Task.FromResult(slow);
        }

        if (path == "/metadata")
        {
            var statement = new JsonObject
            {
                ["resourceType"] = "CapabilityStatement",
                ["status"] = "active",
                ["kind"] = "instance",
                ["fhirVersion"] = "4.0.1",
                ["format"] = new JsonArray("json"),
                ["rest"] = new JsonArray(new JsonObject
                {
                    ["mode"] = "server",
                    ["resource"] = new JsonArray(Searchable.Select(type => (JsonNode)new JsonObject
                    {
                        ["type"] = type,
                        ["interaction"] = new JsonArray(new JsonObject { ["code"] = "search-type" }),
                        ["searchInclude"] = type == "ServiceRequest" && IncludeSubject ? new JsonArray("ServiceRequest:subject") : new JsonArray(),
                    }).ToArray()),
                }),
            };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(statement.ToJsonString(), Encoding.UTF8, "application/fhir+json") });
        }

        if (path == "/Patient" && RefusePatients)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\"}]}", Encoding.UTF8, "application/fhir+json"),
            });
        }

        if (path == "/Patient")
        {
            var ids = (query["_id"] ?? "").Split(',');
            return Task.FromResult(Bundle(ids.Where(_patients.ContainsKey).Select(id => _patients[id]).ToList(), null));
        }

        var bounds = (query.GetValues("_lastUpdated") ?? []).Select(b => (Op: b[..2], At: DateTimeOffset.Parse(b[2..], CultureInfo.InvariantCulture))).ToList();
        var wanted = query["_id"]?.Split(",");
        var count = int.Parse(query["_count"] ?? "20", CultureInfo.InvariantCulture);
        var offset = int.Parse(query["_offset"] ?? "0", CultureInfo.InvariantCulture);
        static DateTimeOffset Updated(JsonObject r) => DateTimeOffset.Parse((string)r["meta"]!["lastUpdated"]!, CultureInfo.InvariantCulture);
        var matching = _requests
            .Where(r => bounds.All(b => b.Op == "ge" ? Updated(r) >= b.At : Updated(r) < b.At))
            .Where(r => wanted is null || wanted.Contains((string)r["id"]!))
            .Select(r => query["_elements"] == "id,meta" ? new JsonObject { ["resourceType"] = "ServiceRequest", ["id"] = r["id"]!.DeepClone(), ["meta"] = r["meta"]!.DeepClone() } : r)
            .OrderBy(r => Unsorted ? "" : (string)r["meta"]!["lastUpdated"]!, StringComparer.Ordinal).ToList();
        if (Unsorted)
        {
            matching.Reverse();
        }

        var number = offset / count + 1;
        if (FailPageOnce == number)
        {
            FailPageOnce = null;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError));
        }

        Serving?.Invoke(number);
        var next = offset + count < matching.Count ? $"{BaseUrl}/ServiceRequest?{Without(uri.Query, "_offset")}&_offset={offset + count}" : null;
        var page = matching.Skip(offset).Take(count).ToList();
        if (IncludeSubject && query["_include"] == "ServiceRequest:subject")
        {
            page.AddRange(page.Where(r => r["subject"] is not null).Select(r => _patients[((string)r["subject"]!["reference"]!).Split('/')[^1]]).ToList());
        }

        return Task.FromResult(Bundle(page, next));
    }

    private static string Without(string query, string key) =>
        string.Join('&', query.TrimStart('?').Split('&').Where(p => !p.StartsWith(key + "=", StringComparison.Ordinal)));

    private static HttpResponseMessage Bundle(List<JsonObject> resources, string? next)
    {
        var bundle = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["total"] = resources.Count,
            ["link"] = next is null ? new JsonArray() : new JsonArray(new JsonObject { ["relation"] = "next", ["url"] = next }),
            ["entry"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r.DeepClone() }).ToArray()),
        };
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(bundle.ToJsonString(), Encoding.UTF8, "application/fhir+json") };
    }
}
