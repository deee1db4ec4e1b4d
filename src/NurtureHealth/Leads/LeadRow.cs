using System.Data.Common;
using NurtureHealth.Locations;

namespace NurtureHealth.Leads;

/// <summary>An accepted lead as a row of <c>leads</c>: the record as normalised, its contact, and where it was placed.</summary>
internal static class LeadRow
{
    public static readonly string[] Columns =
    [
        "external_id", "import_id", "line", "contact_id", "submitted_at", "source", "service_line", "interest", "first_name",
        "last_name", "email", "phone", "postal_code", "lat", "lon", "language", "preferred_location", "consent_email",
        "consent_sms", "consent_sms_text", "consent_at", "status", "location_id", "provider_id", "distance_km",
        "unresolved_reason", "resolution_note", "imported_at", "source_reference",
    ];

    /// <summary>Sets the parameters of <paramref name="command"/>, one per column in <see cref="Columns"/> order.</summary>
    public static void Set(DbCommand command, long importId, ValidLead lead, long contactId, Resolution resolution, DateTimeOffset now)
    {
        var p = command.Parameters;
        var i = 0;
        p[i++].Value = lead.Id;
        p[i++].Value = importId;
        p[i++].Value = lead.Line;
        p[i++].Value = contactId;
        p[i++].Value = DbValue.Instant(command, lead.SubmittedAt);
        p[i++].Value = lead.Source;
        p[i++].Value = lead.ServiceLine;
        p[i++].Value = DbValue.Of(lead.Interest);
        p[i++].Value = lead.FirstName;
        p[i++].Value = DbValue.Of(lead.LastName);
        p[i++].Value = DbValue.Of(lead.Email);
        p[i++].Value = DbValue.Of(lead.Phone);
        p[i++].Value = DbValue.Of(lead.PostalCode);
        p[i++].Value = lead.Position is { } at ? at.Lat : DBNull.Value;
        p[i++].Value = lead.Position is { } on ? on.Lon : DBNull.Value;
        p[i++].Value = lead.Language;
        p[i++].Value = DbValue.Of(lead.PreferredLocation);
        p[i++].Value = lead.Consent.Email is { } e ? e : DBNull.Value;
        p[i++].Value = lead.Consent.Sms;
        p[i++].Value = DbValue.Of(lead.Consent.SmsText);
        p[i++].Value = DbValue.Instant(command, lead.Consent.At);
        p[i++].Value = resolution.Status == ResolutionStatus.Resolved ? "resolved" : "unresolved";
        p[i++].Value = DbValue.Of(resolution.Location?.Id);
        p[i++].Value = DbValue.Of(resolution.Provider?.Id);
        p[i++].Value = resolution.DistanceKm is { } km ? km : DBNull.Value;
        p[i++].Value = DbValue.Of(resolution.ReasonCode);
        p[i++].Value = DbValue.Of(resolution.Reason);
        p[i++].Value = DbValue.Instant(command, now);
        p[i].Value = DbValue.Of(lead.SourceReference);
    }
}
