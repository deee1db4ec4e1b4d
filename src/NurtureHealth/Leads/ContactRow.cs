using System.Data.Common;
using NurtureHealth.Storage;

namespace NurtureHealth.Leads;

/// <summary>A contact as a row of <c>contacts</c>: its columns, read back into a <see cref="ContactState"/> and written from one.</summary>
internal static class ContactRow
{
    public static readonly string[] Columns =
    [
        "email", "phone", "first_name", "last_name", "language", "email_consent", "sms_consent", "sms_consent_text",
        "sms_consent_at", "sms_consent_lead_id", "last_lead_at", "created_at", "updated_at", "merged_into_id",
    ];

    /// <summary>The column list <see cref="Read"/> expects: the id, then <see cref="Columns"/>.</summary>
    public static string Select => "id, " + string.Join(", ", Columns);

    /// <summary>The contact at the reader's row, and the id of the contact it was merged into, if any.</summary>
    public static (ContactState, long?) Read(DbDataReader r)
    {
        var c = new ContactState
        {
            Id = r.GetInt64(0),
            Email = r.IsDBNull(1) ? null : r.GetString(1),
            Phone = r.IsDBNull(2) ? null : r.GetString(2),
            FirstName = r.GetString(3),
            LastName = r.IsDBNull(4) ? null : r.GetString(4),
            Language = r.GetString(5),
            EmailConsent = r.IsDBNull(6) ? null : r.GetBoolean(6),
            SmsConsent = r.GetBoolean(7),
            SmsConsentText = r.IsDBNull(8) ? null : r.GetString(8),
            SmsConsentAt = StoredInstant.Read(r, 9),
            SmsConsentLeadId = r.IsDBNull(10) ? null : r.GetString(10),
            LastLeadAt = StoredInstant.Read(r, 11)!.Value,
            CreatedAt = StoredInstant.Read(r, 12)!.Value,
        };
        return (c, r.IsDBNull(14) ? null : r.GetInt64(14));
    }

    /// <summary>Sets the first <see cref="Columns"/>.Length parameters of <paramref name="command"/> to the contact's values.</summary>
    public static void Set(DbCommand command, ContactState c, DateTimeOffset now, long? mergedInto)
    {
        var p = command.Parameters;
        p[0].Value = DbValue.Of(c.Email);
        p[1].Value = DbValue.Of(c.Phone);
        p[2].Value = c.FirstName;
        p[3].Value = DbValue.Of(c.LastName);
        p[4].Value = c.Language;
        p[5].Value = c.EmailConsent is { } e ? e : DBNull.Value;
        p[6].Value = c.SmsConsent;
        p[7].Value = DbValue.Of(c.SmsConsentText);
        p[8].Value = DbValue.Instant(command, c.SmsConsentAt);
        p[9].Value = DbValue.Of(c.SmsConsentLeadId);
        p[10].Value = DbValue.Instant(command, c.LastLeadAt);
        p[11].Value = DbValue.Instant(command, c.CreatedAt);
        p[12].Value = DbValue.Instant(command, now);
        p[13].Value = mergedInto is { } m ? m : DBNull.Value;
    }
}
