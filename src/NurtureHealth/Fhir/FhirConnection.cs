using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.Options;

namespace NurtureHealth.Fhir;

/// <summary>
/// Opens Firely <see cref="FhirClient"/>s to the clinic's server. A client is not thread-safe but cheap, so
/// each unit of work opens its own over the shared, pooled HTTP handler.
/// </summary>
public sealed class FhirConnection(IHttpClientFactory clients, IOptions<FhirOptions> options)
{
    /// <summary>The named HttpClient.</summary>
    public const string ClientName = "fhir";

    /// <summary>The server's settings (<c>Nurture:Fhir</c>).</summary>
    public FhirOptions Options => options.Value;

    /// <summary>A new client for one unit of work.</summary>
    public FhirClient Open()
    {
        var http = clients.CreateClient(ClientName);
        if (!string.IsNullOrWhiteSpace(options.Value.BearerToken))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BearerToken);
        }

        return new FhirClient(options.Value.BaseUrl!, http, new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            Timeout = 240_000, // the whole request with FhirPoliteness's waits; each attempt has its own 30 s

            // Tolerant: an unknown element or an odd value in a field NurtureHealth does not use must not stop a poll.
            // What it does use is validated as a lead, and a lead that fails is rejected naming its ServiceRequest.
            SerializationEngine = FhirSerializationEngineFactory.Ostrich(ModelInfo.ModelInspector),
        });
    }

    /// <summary>Every resource of type <typeparamref name="T"/> a search finds, following the server's paging to the end.</summary>
    public static async Task<List<T>> SearchAllAsync<T>(FhirClient client, SearchParams query, CancellationToken cancellationToken) where T : Resource
    {
        var found = new List<T>();
        await foreach (var page in PagesAsync<T>(client, query, cancellationToken))
        {
            found.AddRange(page.Resources);
        }

        return found;
    }

    /// <summary>
    /// A search, one page at a time: the next page is read only when the caller asks for it, so a caller can store each
    /// page before reading on. An entry whose resource is not even an object cannot be read and is counted, not returned;
    /// a page whose entry list cannot be read fails the search (<see cref="FormatException"/>), so nothing is skipped unseen.
    /// </summary>
    public static async IAsyncEnumerable<FhirPage<T>> PagesAsync<T>(FhirClient client, SearchParams query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken) where T : Resource
    {
        var page = await client.SearchAsync<T>(query, cancellationToken);
        var pages = 0;
        while (page is not null && pages++ < 10_000)
        {
            var current = page;
            var entries = Leads.FhirShape.Read(() => current.Entry.Select(e => Leads.FhirShape.Read(() => e.Resource)).ToList())
                ?? throw new FormatException("a search page from the server is not a FHIR R4 Bundle (its entry list cannot be read)");
            var resources = entries.OfType<T>().ToList();
            yield return new FhirPage<T>(resources, entries.OfType<Resource>().Where(e => e is not T).ToList(), entries.Count(e => e is null), pages);
            page = Leads.FhirShape.Read(() => current.NextLink) is null ? null : await client.ContinueAsync(current, PageDirection.Next, cancellationToken);
        }
    }
}
