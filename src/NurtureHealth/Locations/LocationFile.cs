using System.Text.RegularExpressions;
using NurtureHealth.Yaml;

namespace NurtureHealth.Locations;

/// <summary>Reads and checks one <c>location.yaml</c>.</summary>
internal static partial class LocationFile
{
    private static readonly string[] Keys =
        ["id", "name", "active", "timezone", "position", "address", "phone", "booking_url", "service_lines", "hours", "providers",
         "send_windows", "holidays", "sms_from", "email_from", "staff_email", "messaging_service_sid", "fhir_id", "parking", "provider_booking_url"];

    /// <summary>A position farther than this from its address's ZIP centroid is probably a typo.</summary>
    private const double FarFromZipKm = 50;

    private static readonly string[] ProviderKeys =
        ["id", "name", "title", "specialties", "languages", "accepting_new_patients", "fhir_id"];

    public static Location? Read(
        string path,
        string display,
        string folderName,
        ClinicGroupLoader.Catalogue? catalogue,
        Dictionary<string, string> providerOwners,
        List<FileFinding> findings)
    {
        var errorsBefore = findings.Count(f => f.Severity == FindingSeverity.Error);
        var root = YamlDocumentReader.Open(path, display, findings);
        if (root is null)
        {
            return null;
        }

        root.RejectUnknownKeys(Keys);
        var file = root.File;
        var id = root.String("id", required: true);
        if (id is not null && id != folderName)
        {
            file.Error(root.MarkOf("id"), $"id '{id}' must match the folder name '{folderName}'");
        }

        var name = root.String("name", required: true);
        var active = root.Bool("active") ?? true;
        var timeZone = ReadTimeZone(root);
        var position = ReadPosition(root);
        var address = ReadAddress(root);
        if (position is { } point && catalogue?.Region is { } region && !region.Contains(point))
        {
            file.Error(root.MarkOf("position"), $"position {point.Lat}, {point.Lon} is outside the group's region in group.yaml ({region}); are lat and lon the right way round?");
        }
        else if (position is { } at && address is not null && ZipCentroids.Census2021.TryFind(address.PostalCode, out var zip) && at.DistanceKmTo(zip) > FarFromZipKm)
        {
            file.Warning(root.MarkOf("position"),
                $"position is {at.DistanceKmTo(zip):0} km from the middle of ZIP {address.PostalCode} in the address; check the position (leads are placed by it) or the ZIP");
        }

        var phone = root.String("phone", required: true);
        if (phone is not null && !E164().IsMatch(phone))
        {
            file.Error(root.MarkOf("phone"), $"phone '{phone}' must be in E.164 form, such as \"+13125550142\"");
        }

        var bookingText = root.String("booking_url", required: true);
        Uri? booking = null;
        if (bookingText is not null &&
            (!Uri.TryCreate(bookingText, UriKind.Absolute, out booking) || booking.Scheme is not ("https" or "http")))
        {
            file.Error(root.MarkOf("booking_url"), $"booking_url '{bookingText}' must be a full https:// address");
            booking = null;
        }

        // The booking page with a provider chosen: {provider} is replaced by the provider's id when the patient has one.
        var providerBooking = root.String("provider_booking_url");
        if (providerBooking is not null && (!providerBooking.Contains("{provider}", StringComparison.Ordinal)
            || !Uri.TryCreate(providerBooking.Replace("{provider}", "x", StringComparison.Ordinal), UriKind.Absolute, out var withProvider) || withProvider.Scheme is not ("https" or "http")))
        {
            file.Error(root.MarkOf("provider_booking_url"),
                $"provider_booking_url '{providerBooking}' must be a full https:// address with {{provider}} where the provider's id goes, such as https://book.example.org/lincoln-park?provider={{provider}}");
            providerBooking = null;
        }

        var serviceLines = root.StringList("service_lines", required: true);
        foreach (var line in serviceLines)
        {
            if (catalogue is not null && !catalogue.ServiceLines.ContainsKey(line))
            {
                var hint = DidYouMean.Closest(line, catalogue.ServiceLines.Keys);
                file.Error(root.MarkOf("service_lines"), hint is null
                    ? $"service line '{line}' is not in group.yaml; known: {string.Join(", ", catalogue.ServiceLines.Keys)}"
                    : $"service line '{line}' is not in group.yaml; did you mean '{hint}'?");
            }
        }

        var hours = OpeningHours.Unknown;
        try
        {
            hours = OpeningHours.Parse(root.StringMap("hours"));
        }
        catch (FormatException e)
        {
            file.Error(root.MarkOf("hours"), e.Message);
        }

        var providers = new List<Provider>();
        foreach (var p in root.MapList("providers"))
        {
            p.RejectUnknownKeys(ProviderKeys);
            var providerId = p.String("id", required: true);
            var providerName = p.String("name", required: true);
            var languages = p.StringList("languages");
            foreach (var language in languages)
            {
                if (!LanguageTag.TryNormalize(language, out _))
                {
                    file.Error(p.MarkOf("languages"), $"{p.Name("languages")}: '{language}' is not a language code such as en or es");
                }
            }

            if (providerId is not null && id is not null && !providerOwners.TryAdd(providerId, id))
            {
                file.Error(p.MarkOf("id"), $"provider id '{providerId}' is already used at location '{providerOwners[providerId]}'");
            }

            foreach (var specialty in p.StringList("specialties"))
            {
                var known = catalogue?.ServiceLines.Values.SelectMany(l => l.Specialties).Distinct().ToList();
                if (known is not null && !known.Contains(specialty))
                {
                    var hint = DidYouMean.Closest(specialty, known);
                    file.Error(p.MarkOf("specialties"), hint is null
                        ? $"{p.Name("specialties")}: '{specialty}' is under no service line in group.yaml, so this provider is never matched; known: {string.Join(", ", known)}"
                        : $"{p.Name("specialties")}: '{specialty}' is under no service line in group.yaml; did you mean '{hint}'?");
                }
            }

            providers.Add(new Provider(
                providerId ?? "",
                providerName ?? "",
                p.String("title"),
                p.StringList("specialties", required: true),
                languages.Count == 0 ? ["en"] : languages,
                p.Bool("accepting_new_patients") ?? true)
            {
                FhirId = p.String("fhir_id"),
            });
        }

        var windows = SendingRules.ReadWindows(root);
        var holidays = SendingRules.ReadHolidays(root);
        var smsFrom = root.String("sms_from");
        if (smsFrom is not null && !E164().IsMatch(smsFrom))
        {
            file.Error(root.MarkOf("sms_from"), $"sms_from '{smsFrom}' must be in E.164 form, such as \"+13125550142\"");
        }

        var emailFrom = root.String("email_from");
        if (emailFrom is not null && (emailFrom.Count(c => c == '@') != 1 || emailFrom.StartsWith('@') || emailFrom.EndsWith('@')))
        {
            file.Error(root.MarkOf("email_from"), $"email_from '{emailFrom}' must be an email address such as lincoln-park@lakeshorehealth.example");
        }

        if (findings.Count(f => f.Severity == FindingSeverity.Error) > errorsBefore)
        {
            return null;
        }

        return new Location(id!, name!, active, timeZone!, position!.Value, address!, phone!, booking!, serviceLines, hours, providers)
        {
            SendWindows = windows,
            Holidays = holidays,
            SmsSender = smsFrom,
            EmailFrom = emailFrom,
            StaffEmail = root.String("staff_email"),
            Parking = root.String("parking"),
            ProviderBookingUrl = providerBooking,
            MessagingServiceSid = root.String("messaging_service_sid"),
            FhirId = root.String("fhir_id"),
        };
    }

    private static TimeZoneInfo? ReadTimeZone(YamlMap root)
    {
        var text = root.String("timezone", required: true);
        if (text is null)
        {
            return null;
        }

        if (text.Contains('/') && TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone))
        {
            return zone;
        }

        root.File.Error(root.MarkOf("timezone"), $"timezone '{text}' is not an IANA time zone such as America/Chicago");
        return null;
    }

    private static GeoPoint? ReadPosition(YamlMap root)
    {
        var map = root.Map("position", required: true);
        if (map is null)
        {
            return null;
        }

        map.RejectUnknownKeys("lat", "lon");
        var lat = map.Double("lat", required: true);
        var lon = map.Double("lon", required: true);
        if (lat is null || lon is null)
        {
            return null;
        }

        var point = new GeoPoint(lat.Value, lon.Value);
        if (!point.IsValid)
        {
            root.File.Error(root.MarkOf("position"), $"position {lat}, {lon} is not on the map (lat −90…90, lon −180…180)");
            return null;
        }

        return point;
    }

    private static PostalAddress? ReadAddress(YamlMap root)
    {
        var map = root.Map("address", required: true);
        if (map is null)
        {
            return null;
        }

        map.RejectUnknownKeys("line1", "line2", "city", "state", "postal_code");
        var line1 = map.String("line1", required: true);
        var city = map.String("city", required: true);
        var state = map.String("state", required: true);
        var postal = map.String("postal_code", required: true);
        return line1 is null || city is null || state is null || postal is null
            ? null
            : new PostalAddress(line1, map.String("line2"), city, state, postal);
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
