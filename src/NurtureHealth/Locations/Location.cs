namespace NurtureHealth.Locations;

/// <summary>One clinic location, as its manager describes it in <c>locations/&lt;id&gt;/location.yaml</c>.</summary>
public sealed record Location(
    string Id,
    string Name,
    bool Active,
    TimeZoneInfo TimeZone,
    GeoPoint Position,
    PostalAddress Address,
    string Phone,
    Uri BookingUrl,
    IReadOnlyList<string> ServiceLines,
    OpeningHours Hours,
    IReadOnlyList<Provider> Providers)
{
    /// <summary>True when the location lists the service line.</summary>
    public bool Offers(string serviceLine) => ServiceLines.Contains(serviceLine, StringComparer.Ordinal);

    /// <summary>When this location's messages may be sent, per channel, in its local time (null: the group's default).</summary>
    public SendWindows SendWindows { get; init; } = SendWindows.Unset;

    /// <summary>Local dates on which this location sends nothing (besides the group's holidays).</summary>
    public IReadOnlySet<DateOnly> Holidays { get; init; } = new HashSet<DateOnly>();

    /// <summary>The number SMS are sent from; the location's phone when not set.</summary>
    public string SmsFrom => SmsSender ?? Phone;

    /// <summary>The <c>sms_from</c> key, when the location has its own texting number.</summary>
    public string? SmsSender { get; init; }

    /// <summary>The <c>email_from</c> key: the address emails are sent from, when the location has its own.</summary>
    public string? EmailFrom { get; init; }

    /// <summary>The <c>messaging_service_sid</c> key: a Twilio Messaging Service (MG…) this location's texts go through instead of <see cref="SmsFrom"/>.</summary>
    public string? MessagingServiceSid { get; init; }

    /// <summary>The <c>fhir_id</c> key: this location's Location resource id on the clinic's FHIR server.</summary>
    public string? FhirId { get; init; }

    /// <summary>The <c>staff_email</c> key: where the location's staff hear that a patient wrote back.</summary>
    public string? StaffEmail { get; init; }

    /// <summary>
    /// <c>provider_booking_url:</c> the booking page with a provider already chosen, <c>{provider}</c> standing for the
    /// provider's id (<c>https://book.example.org/lincoln-park?provider={provider}</c>); null to use <see cref="BookingUrl"/> always.
    /// </summary>
    public string? ProviderBookingUrl { get; init; }

    /// <summary>The booking page for a patient matched to <paramref name="providerId"/>: with that provider chosen when the location has such a page.</summary>
    public Uri BookingPageFor(string? providerId) =>
        providerId is not null && ProviderBookingUrl is { } page && Providers.Any(p => p.Id == providerId)
            ? new Uri(page.Replace("{provider}", Uri.EscapeDataString(providerId), StringComparison.Ordinal))
            : BookingUrl;

    /// <summary><c>parking:</c> where to park and how to find the door, for appointment reminders; null when not written.</summary>
    public string? Parking { get; init; }
}
