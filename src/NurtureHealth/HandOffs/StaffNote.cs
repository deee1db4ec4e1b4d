using NurtureHealth.Locations;
using NurtureHealth.Templates;

namespace NurtureHealth.HandOffs;

/// <summary>
/// The staff email for a hand-off: the minimum needed to call back — no message content, condition or history. The
/// wording is content (<c>templates/_strings/en.yaml</c>, <c>staff.*</c>); the values are filled in here.
/// </summary>
public sealed record StaffNote(string Subject, string Text)
{
    /// <summary>A score or hot-lead hand-off.</summary>
    public static StaffNote HotLead(ContentStrings words, HandOff handOff, string firstName, string? phone, string service, Location location, bool paused)
    {
        (string, object?)[] values =
        [
            ("first_name", firstName), ("phone", phone is null ? "" : MessageRenderer.PhoneDisplay(phone)), ("service", service),
            ("location", location.Name), ("why", handOff.Detail), ("paused", paused),
        ];
        return new StaffNote(words.Render("staff.hot_lead_subject", values).Trim(), words.Render("staff.hot_lead", values).TrimEnd() + "\n");
    }

    /// <summary>A reply by SMS: who, the number, and their words, with a warning when they might be asking to stop.</summary>
    public static StaffNote Reply(ContentStrings words, HandOff handOff, string? firstName, Location location)
    {
        (string, object?)[] values =
        [
            ("first_name", firstName ?? ""), ("phone", MessageRenderer.PhoneDisplay(handOff.Phone ?? "")), ("message", handOff.Message),
            ("location", location.Name), ("maybe_stop", handOff.MaybeStop),
        ];
        return new StaffNote(words.Render("staff.reply_subject", values).Trim(), words.Render("staff.reply", values).TrimEnd() + "\n");
    }

    /// <summary>An "R" by text: the patient wants another time for a booked appointment; who, the number, when it is now.</summary>
    public static StaffNote Reschedule(ContentStrings words, HandOff handOff, string? firstName, Location location)
    {
        (string, object?)[] values =
        [
            ("first_name", firstName ?? ""), ("phone", MessageRenderer.PhoneDisplay(handOff.Phone ?? "")), ("location", location.Name), ("why", handOff.Detail),
        ];
        return new StaffNote(words.Render("staff.reschedule_subject", values).Trim(), words.Render("staff.reschedule", values).TrimEnd() + "\n");
    }
}
