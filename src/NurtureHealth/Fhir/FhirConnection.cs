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
            Timeout = 30_000,

            // Tolerant: an unknown element or an odd value in a field NurtureHealth does not use must not stop a poll.
            // What it does use is validated as a lead, and a lead that fails is rejected naming its ServiceRequest.
            SerializationEngine = FhirSerializationEngineFactory.Ostrich(ModelInfo.ModelInspector),
        });
    }

    /// <summary>Every resource of type <typeparamref name="T"/> a search finds, following the server's paging to the end.</summary>
    public static async Task<List<T>> SearchAllAsync<T>(FhirClient client, SearchParams query, CancellationToken cancellationToken) where T : Resource
    {
        var found = new List<T>();
        var page = await client.SearchAsync<T>(query, cancellationToken);
        var pages = 0;
        while (page is not null && pages++ < 10_000)
        {
            found.AddRange(page.Entry.Select(e => e.Resource).OfType<T>());
            page = page.NextLink is null ? null : await client.ContinueAsync(page, PageDirection.Next, cancellationToken);
        }

        return found;
    }
}
