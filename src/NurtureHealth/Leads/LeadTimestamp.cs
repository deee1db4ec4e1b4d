using System.Globalization;

namespace NurtureHealth.Leads;

/// <summary>Reads a lead's timestamp: ISO 8601 with a time zone, not in the future beyond the allowed clock skew; stored in UTC.</summary>
internal sealed class LeadTimestamp(TimeProvider clock)
{
    public DateTimeOffset? Normalize(string field, string? value, bool required, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(new LeadFieldError(field, "missing-field", $"{field} is required (ISO 8601, such as 2026-11-20T15:04:05Z)"));
            }

            return null;
        }

        var text = value.Trim();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || !HasOffset(text))
        {
            errors.Add(new LeadFieldError(field, "invalid-timestamp",
                $"{field} is not an ISO 8601 timestamp with a time zone, such as 2026-11-20T15:04:05Z or 2026-11-20T09:04:05-06:00"));
            return null;
        }

        if (at > clock.GetUtcNow() + LeadValidator.AllowedClockSkew)
        {
            errors.Add(new LeadFieldError(field, "invalid-timestamp", $"{field} is in the future (more than {LeadValidator.AllowedClockSkew.TotalMinutes:0} minutes ahead of this server's clock)"));
            return null;
        }

        return at.ToUniversalTime();
    }

    private static bool HasOffset(string text)
    {
        var t = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (t < 0)
        {
            return false;
        }

        var time = text[(t + 1)..];
        return time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+') || time.Contains('-');
    }
}
