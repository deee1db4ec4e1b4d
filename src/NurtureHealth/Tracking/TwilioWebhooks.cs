using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NurtureHealth.Leads;
using NurtureHealth.Messaging;
using NurtureHealth.Messaging.Sms;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// <c>POST /twilio/inbound</c> (a patient texts back) and <c>POST /twilio/status</c> (delivery reports).
/// Both check <c>X-Twilio-Signature</c> against the public URL Twilio called; a bad or missing signature
/// gets 403 and changes nothing.
/// </summary>
internal static class TwilioWebhooks
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/twilio/inbound", InboundAsync).DisableAntiforgery();
        app.MapPost("/twilio/status", StatusAsync).DisableAntiforgery();
    }

    private static async Task<IResult> InboundAsync(HttpRequest request, IOptions<TwilioOptions> twilio, IOptions<LinksOptions> links, InboundSms inbound, CancellationToken cancellationToken)
    {
        if (await VerifiedFormAsync(request, twilio.Value, links.Value, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var errors = new List<LeadFieldError>();
        var from = PhoneNumber.Normalize(form.GetValueOrDefault("From"), errors);
        if (from is null)
        {
            return Twiml(null);
        }

        var reply = await inbound.HandleAsync(from, PhoneNumber.Normalize(form.GetValueOrDefault("To"), errors) ?? "", form.GetValueOrDefault("Body") ?? "",
            form.GetValueOrDefault("MessageSid") ?? "", cancellationToken);
        return Twiml(reply);
    }

    private static async Task<IResult> StatusAsync(HttpRequest request, IOptions<TwilioOptions> twilio, IOptions<LinksOptions> links,
        IDbContextFactory<NurtureDbContext> databases, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await VerifiedFormAsync(request, twilio.Value, links.Value, cancellationToken) is not { } form)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var sid = form.GetValueOrDefault("MessageSid");
        var status = form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus");
        if (string.IsNullOrEmpty(sid) || status is null)
        {
            return Results.NoContent(); // nothing to record: Twilio must not retry
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);

        // A SID names one message; should it match several touches (a test double that answers every request alike), each gets the report.
        var touches = await db.Touches.Where(t => t.ProviderMessageId == sid).ToListAsync(cancellationToken);
        var type = status switch
        {
            "delivered" => ContactEventType.Delivered,
            "undelivered" or "failed" => ContactEventType.Undelivered,
            _ => null,
        };
        var now = clock.GetUtcNow();
        foreach (var touch in touches)
        {
            touch.DeliveryStatus = status;
            touch.DeliveryError = form.GetValueOrDefault("ErrorCode");
            var externalId = $"{sid}:{status}:{touch.Id}";
            if (type is not null && !await db.ContactEvents.AnyAsync(e => e.Source == "twilio-status" && e.ExternalId == externalId, cancellationToken))
            {
                db.ContactEvents.Add(new ContactEvent
                {
                    ContactId = touch.ContactId,
                    EnrollmentId = touch.EnrollmentId,
                    TouchId = touch.Id,
                    Type = type,
                    Channel = Channel.Sms,
                    At = now,
                    Source = "twilio-status",
                    ExternalId = externalId,
                    RecordedAt = now,
                });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Storage.StorageFailure.IsDuplicate(e))
        {
            // The same report, delivered twice at once: the other request recorded it.
        }

        return Results.NoContent(); // not ours (no touch has this SID) is answered the same: Twilio must not retry
    }

    /// <summary>The form, when the request carries a valid Twilio signature for the public URL it was sent to; else null.</summary>
    private static async Task<Dictionary<string, string>?> VerifiedFormAsync(HttpRequest request, TwilioOptions twilio, LinksOptions links, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || string.IsNullOrEmpty(twilio.AuthToken))
        {
            return null;
        }

        var form = (await request.ReadFormAsync(cancellationToken)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var url = $"{links.BaseUrl.TrimEnd('/')}{request.PathBase}{request.Path}{request.QueryString}";
        return TwilioSignature.IsValid(twilio.AuthToken, url, form, request.Headers["X-Twilio-Signature"].ToString()) ? form : null;
    }

    private static IResult Twiml(string? message) => Results.Content(
        message is null ? "<Response/>" : $"<Response><Message>{System.Security.SecurityElement.Escape(message)}</Message></Response>",
        "text/xml; charset=utf-8");
}
