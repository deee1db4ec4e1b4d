using NurtureHealth.Locations;
using NurtureHealth.Templates;

namespace NurtureHealth.HandOffs;

/// <summary>The staff email for a hand-off: the minimum needed to call back. No message content, condition or history.</summary>
public sealed record StaffNote(string Subject, string Text)
{
    /// <summary>A score or hot-lead hand-off.</summary>
    public static StaffNote HotLead(HandOff handOff, string firstName, string? phone, string service, Location location, bool paused) => new(
        $"Hot lead — please call {firstName} ({location.Name})",
        $"""
        A patient is ready for a call from {location.Name}.

        First name: {firstName}
        Call back: {(phone is not null ? MessageRenderer.PhoneDisplay(phone) : "no phone number on file — reply to their last email instead")}
        Interested in: {service}
        Location: {location.Name}
        Why now: {handOff.Detail}

        {(paused ? "Their automatic messages in this sequence have stopped, so they hear from you next." : "Their messages carry on as planned.")}
        """.TrimEnd() + "\n");

    /// <summary>A reply by SMS: who, the number, and their words, with a warning when they might be asking to stop.</summary>
    public static StaffNote Reply(HandOff handOff, string? firstName, Location location)
    {
        var warning = handOff.MaybeStop
            ? """

              THEY MAY BE ASKING US TO STOP TEXTING THEM. If they are, record the opt-out (an opted-out event for this number:
              see docs/events.md), so no location texts them again. Their automatic messages are paused meanwhile.

              """
            : "";
        var text = $"""
            A patient replied to a text from {location.Name} and is waiting for a person to answer.
            {warning}
            First name: {firstName ?? "(not known: the number is not a contact)"}
            Call or text back: {MessageRenderer.PhoneDisplay(handOff.Phone ?? "")}
            Their message: {handOff.Message}

            Automatic messages to them are paused.
            """;
        return new StaffNote(
            handOff.MaybeStop ? $"A patient may be asking to stop texts — please call back ({location.Name})" : $"A patient replied — please call back ({location.Name})",
            text);
    }
}
