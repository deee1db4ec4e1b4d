using System.Globalization;
using NurtureHealth.Locations;

namespace NurtureHealth.Leads;

/// <summary>Where a lead says the patient is: a US ZIP code, and a position in decimal degrees.</summary>
internal static class LeadPlace
{
    public static string? PostalCode(string? value, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length == 9 && text.AsSpan().ContainsOnlyDigits())
        {
            text = $"{text[..5]}-{text[5..]}";
        }

        if (!ZipCentroids.IsWellFormed(text))
        {
            errors.Add(new LeadFieldError("postal_code", "invalid-postal-code",
                "postal_code must be a US ZIP of 5 digits (or ZIP+4 such as 60614-1234); a leading zero may have been lost in a spreadsheet"));
            return null;
        }

        return text;
    }

    public static GeoPoint? Position(string? lat, string? lon, List<LeadFieldError> errors)
    {
        if (lat is null && lon is null)
        {
            return null;
        }

        if (lat is null || lon is null)
        {
            errors.Add(new LeadFieldError(lat is null ? "lat" : "lon", "invalid-coordinates", "lat and lon must be given together, or both left empty"));
            return null;
        }

        if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) ||
            !double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
        {
            errors.Add(new LeadFieldError("lat", "invalid-coordinates", "lat and lon must be decimal degrees such as 41.92 and -87.65"));
            return null;
        }

        var point = new GeoPoint(la, lo);
        if (!point.IsValid)
        {
            errors.Add(new LeadFieldError(la is < -90 or > 90 ? "lat" : "lon", "invalid-coordinates",
                "lat must lie between -90 and 90 and lon between -180 and 180 (are they swapped?)"));
            return null;
        }

        if (la == 0 && lo == 0)
        {
            errors.Add(new LeadFieldError("lat", "invalid-coordinates", "lat 0, lon 0 is a placeholder, not a position; leave both empty instead"));
            return null;
        }

        return point;
    }
}
