using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using NurtureHealth.Api;

namespace NurtureHealth.Leads;

/// <summary>
/// <c>POST /intake/fhir</c>: leads pushed as FHIR — a Bundle (<c>application/fhir+json</c>) or Bulk Data NDJSON
/// (<c>application/fhir+ndjson</c>) of ServiceRequests with their Patients. Each goes through normal intake
/// (validated, placed, stored, or rejected and kept naming the ServiceRequest); the answer lists every
/// rejection. Authenticated by API key; the body is limited in size.
/// </summary>
internal static class IntakeEndpoints
{
    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/intake/fhir", PostAsync).DisableAntiforgery();

    private static async Task<IResult> PostAsync(HttpRequest request, IOptions<ApiOptions> api, IOptions<FhirLeadOptions> fhir, LeadImporter importer,
        CancellationToken cancellationToken)
    {
        var (body, refusal) = await ApiRequest.ReadAsync(request, api.Value, allowSignature: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var ndjson = request.ContentType?.Contains("ndjson", StringComparison.OrdinalIgnoreCase) == true;
        var isFhir = FhirLeadFile.LooksLikeFhir(body.AsSpan(0, Math.Min(body!.Length, 256)), out var bundle);
        if (!isFhir || (!ndjson && !bundle))
        {
            return ApiRequest.Problem(StatusCodes.Status415UnsupportedMediaType, "Not FHIR leads",
                "Send a FHIR R4 Bundle (application/fhir+json) or Bulk Data NDJSON (application/fhir+ndjson) whose resources start with \"resourceType\".");
        }

        var format = bundle && !ndjson ? LeadFileFormat.FhirBundle : LeadFileFormat.FhirNdjson;
        var records = format == LeadFileFormat.FhirBundle
            ? FhirLeadFile.ReadBundle(new MemoryStream(body), "the request body", fhir.Value)
            : FhirLeadFile.ReadNdjson(new MemoryStream(body), "the request body", fhir.Value);
        var report = await Task.Run(() => importer.Import("POST /intake/fhir", format, records, cancellationToken), cancellationToken);
        return Results.Json(new
        {
            import_id = report.ImportId,
            records = report.Records,
            accepted = report.Accepted,
            rejected = report.Rejections.Select(r => new { position = r.Line, lead_id = r.LeadId, field = r.Field, code = r.Code, message = r.Message }).ToList(),
        });
    }
}
