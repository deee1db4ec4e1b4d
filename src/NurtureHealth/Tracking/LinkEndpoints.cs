using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Locations;
using NurtureHealth.Messaging;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Tracking;

/// <summary>
/// The links in messages: <c>GET /u/{token}</c> (a page with one button) and <c>POST /u/{token}</c> (RFC 8058
/// one-click unsubscribe: the address is suppressed before the response), and <c>GET /l/{token}</c> (the click
/// is recorded, then a 302 to the location's booking page with neutral UTM tags). An unknown or expired token gets a
/// plain 404 page.
/// </summary>
internal static class LinkEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/u/{token}", (string token, LinkTokens links) =>
            links.TryRead(token, LinkKind.Unsubscribe, out _, out _)
                ? Page(HttpStatusCode.OK, "Unsubscribe", $"""
                    <p>Stop receiving these emails?</p>
                    <form method="post" action="/u/{WebUtility.HtmlEncode(token)}">
                      <input type="hidden" name="List-Unsubscribe" value="One-Click">
                      <button type="submit">Unsubscribe</button>
                    </form>
                    """)
                : NotFound());

        app.MapPost("/u/{token}", async (string token, LinkTokens links, Subscriptions subscriptions, CancellationToken cancellationToken) =>
        {
            if (!links.TryRead(token, LinkKind.Unsubscribe, out var touchId, out _) || !await subscriptions.UnsubscribeEmailAsync(touchId, "unsubscribe-link", cancellationToken))
            {
                return NotFound();
            }

            return Page(HttpStatusCode.OK, "Unsubscribed", "<p>You are unsubscribed. You will get no more of these emails.</p>");
        }).DisableAntiforgery();

        app.MapGet("/l/{token}", async (string token, LinkTokens links, LocationCatalog locations, IDbContextFactory<NurtureDbContext> databases,
            EventRecorder events, TimeProvider clock, Microsoft.Extensions.Options.IOptions<LinksOptions> options, CancellationToken cancellationToken) =>
        {
            // The booking link, or one of the offered slots' buttons.
            LinkKind[] kinds = [LinkKind.Booking, LinkKind.Slot1, LinkKind.Slot2, LinkKind.Slot3];
            var slot = Array.FindIndex(kinds, k => links.TryRead(token, k, out _, out _)) - 1;
            if (slot < -1 || !links.TryRead(token, kinds[slot + 1], out var touchId, out _))
            {
                return NotFound();
            }

            Touch? touch;
            Location? location;
            string? providerId;
            await using (var db = await databases.CreateDbContextAsync(cancellationToken))
            {
                touch = await db.Touches.AsNoTracking().SingleOrDefaultAsync(t => t.Id == touchId, cancellationToken);
                var enrollment = touch is null ? null : await db.Enrollments.Where(e => e.Id == touch.EnrollmentId).Select(e => new { e.LocationId, e.ProviderId })
                    .SingleOrDefaultAsync(cancellationToken);
                location = enrollment is null ? null : locations.Group.Find(enrollment.LocationId);
                providerId = enrollment?.ProviderId;
            }

            if (touch is null || location is null)
            {
                return NotFound();
            }

            // A click is an event like any other: recorded once, scored, engaging, and waking a step that waits for it.
            await events.RecordAsync(new NewContactEvent(touch.ContactId, ContactEventType.Clicked, touch.Channel, clock.GetUtcNow(), "link", null, touch.Id), cancellationToken);
            return Results.Redirect(slot >= 0 && SlotLink(touch, slot) is { } deep ? deep.AbsoluteUri : BookingUrl(location.BookingPageFor(providerId), touch, options.Value));
        });
    }

    /// <summary>
    /// The location's booking page with neutral UTM tags: the same for every patient of a channel and stage, never the
    /// sequence, step or service line (a third party's analytics must not learn what the patient was reading about).
    /// </summary>
    internal static string BookingUrl(Uri bookingUrl, Touch touch, LinksOptions options)
    {
        var booking = new UriBuilder(bookingUrl);
        if (string.IsNullOrEmpty(options.UtmSource) && string.IsNullOrEmpty(options.UtmCampaign))
        {
            return booking.Uri.AbsoluteUri;
        }

        var utm = $"utm_source={options.UtmSource}&utm_medium={(touch.Channel is { } channel ? StoredName.Of(channel) : "")}&utm_campaign={options.UtmCampaign}&utm_content={Uri.EscapeDataString(touch.Stage)}";
        booking.Query = string.IsNullOrEmpty(booking.Query) ? utm : $"{booking.Query.TrimStart('?')}&{utm}";
        return booking.Uri.AbsoluteUri;
    }

    /// <summary>The scheduler's own link for the offered slot, kept with the touch when it was sent; null when that slot had none.</summary>
    internal static Uri? SlotLink(Touch touch, int slot) =>
        touch.SlotLinks?.Split('\n').ElementAtOrDefault(slot) is { Length: > 0 } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;

    private static IResult NotFound() =>
        Page(HttpStatusCode.NotFound, "Link not found", "<p>This link is not valid or has expired. Please call your clinic.</p>");

    private static IResult Page(HttpStatusCode status, string title, string body) => Results.Content(
        $"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem">{body}</body></html>""",
        "text/html; charset=utf-8", System.Text.Encoding.UTF8, (int)status);
}
