using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using NurtureHealth.Api;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// <c>POST /bookings</c>: the booking webhook for schedulers without FHIR. The body is one JSON object, or several
/// as NDJSON, in the events format (<c>{"id":"appt-981","at":"…","lead_id":"web-000123"}</c>; <c>type</c> may be
/// left out, and is <c>booked</c> then), or an appointment's change: <c>booked</c> with <c>start</c>, <c>location_id</c> and
/// <c>provider_id</c>; <c>rescheduled</c>, <c>cancelled</c>, <c>no-show</c>, <c>attended</c> with its <c>booking_id</c>. Each booking ends the person's enrollments and is credited to
/// the last touch they clicked; the same <c>id</c> posted twice is applied once. Authenticated by API key or
/// by an HMAC-SHA256 signature of the body.
/// </summary>
internal static class BookingEndpoints
{
    /// <summary>Event ids from this endpoint share one scope, so a retried webhook is applied once.</summary>
    public const string Source = "bookings-api";

    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/bookings", PostAsync).DisableAntiforgery();

    private static async Task<IResult> PostAsync(HttpRequest request, IOptions<ApiOptions> options, EventImporter importer, CancellationToken cancellationToken)
    {
        var (body, refusal) = await ApiRequest.ReadAsync(request, options.Value, allowSignature: true, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var lines = Encoding.UTF8.GetString(body!).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.All(string.IsNullOrWhiteSpace))
        {
            return ApiRequest.Problem(StatusCodes.Status400BadRequest, "Empty body", "Send one booking as a JSON object, or several as NDJSON.");
        }

        var report = await importer.ImportAsync(lines, "POST /bookings", Source, AppointmentLine.Types, cancellationToken);
        var result = new
        {
            booked = report.Applied.GetValueOrDefault(ContactEventType.Booked),
            rescheduled = report.Applied.GetValueOrDefault("rescheduled"),
            cancelled = report.Applied.GetValueOrDefault("cancelled"),
            no_show = report.Applied.GetValueOrDefault("no-show"),
            attended = report.Applied.GetValueOrDefault("attended"),
            duplicates = report.Duplicates,
            rejected = report.Rejected.Select(r => new { line = r.Line, reason = r.Reason }).ToList(),
        };
        var nothingApplied = report.Applied.Values.Sum() == 0 && result.duplicates == 0;
        return Results.Json(result, statusCode: nothingApplied ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }
}
