using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Messaging.Email;
using NurtureHealth.Templates;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>Renders a touch for its patient: the template by location and language, the model, the signed links.</summary>
public sealed class MessageComposer(TemplateContent templates, LinkTokens links)
{
    internal Rendered Render(Touch touch, Enrollment enrollment, Contact contact, ClinicGroup group, Location location, bool firstSms,
        IReadOnlyList<Scheduling.FreeSlot>? freeSlots = null, string? template = null, Appointment? appointment = null)
    {
        // One version of the content for the whole message, even if a hot reload lands mid-render.
        var version = templates.Current;
        var chosen = template ?? touch.StepId;
        var found = version.Library.Find(location.Id, enrollment.SequenceId, chosen, enrollment.Language)
            ?? throw new InvalidOperationException($"no template {chosen} for step {touch.StepId} of {enrollment.SequenceId}");
        var provider = enrollment.ProviderId is null ? null : location.Providers.FirstOrDefault(p => p.Id == enrollment.ProviderId);
        var words = version.Library.StringsFor(enrollment.Language);
        var offered = freeSlots?.Take(3).ToList() ?? [];
        var model = MessageRenderer.Model(group, location, provider, contact.FirstName, words, links.For(touch.Id, [.. offered.Select(s => s.BookingLink is not null)]),
            enrollment.ServiceLine, freeSlots?.Select(s => s.Start).ToList());
        // Where each slot button leads is kept with the touch: the click comes back with only the touch and the slot's number.
        touch.SlotLinks = offered.Any(s => s.BookingLink is not null) ? string.Join("\n", offered.Select(s => s.BookingLink?.AbsoluteUri ?? "")) : null;
        if (appointment is not null)
        {
            // The provider of the booking (the scheduler's choice) speaks over the one matched at intake.
            var booked = appointment.ProviderId is null ? null : location.Providers.FirstOrDefault(p => p.Id == appointment.ProviderId);
            model = model with
            {
                Provider = booked is null ? model.Provider : new ProviderModel(true, booked.Name, booked.Title ?? ""),
                Appointment = MessageRenderer.Appointment(appointment.Start, appointment.ConfirmedAt is not null, location.TimeZone, words),
            };
        }


        var composed = Compose(found, model, version.Library, words, group.Name, enrollment.Language, firstSms);
        if (composed.SmsBody is { } body)
        {
            return new Rendered(null, new OutgoingSms(touch.Id, contact.Phone!, location.SmsFrom, body, composed.SmsSize!, location.MessagingServiceSid), null, composed.SmsSize,
                found.Path, found.Hash)
            { ContentCommit = version.Commit };
        }

        var email = composed.Email!;
        var outgoing = new OutgoingEmail(touch.Id, contact.Email!, location.Name, location.EmailFrom ?? $"{location.Id}@{group.EmailFromDomain}",
            email.Subject, email.Html, email.Text, model.Links.Unsubscribe, EmailMessageBuilder.MessageIdFor(touch.Id, group.EmailFromDomain));
        return new Rendered(outgoing, null, email.Subject, null, found.Path, found.Hash) { Layout = composed.Layout, ContentCommit = version.Commit };
    }

    /// <summary>
    /// The one way a message is composed, for sending and for the preview alike: a text rendered and, when it is the
    /// enrollment's first, given the brand and opt-out line (<see cref="FirstSmsRules"/>); an email rendered inside the
    /// shared layout of <paramref name="language"/>.
    /// </summary>
    public static ComposedMessage Compose(MessageTemplate template, MessageModel model, TemplateLibrary library, ContentStrings words, string brand, string language,
        bool firstSms)
    {
        if (template.Channel == Channel.Sms)
        {
            return ComposeSms(template, model, words, brand, firstSms);
        }

        var layout = library.LayoutFor(language);
        return new ComposedMessage(MessageRenderer.RenderEmail(template, layout, model), layout, null, null, false);
    }

    /// <summary>A text as sent: rendered, with the first text's rules when it is the enrollment's first (the check measures texts this way too).</summary>
    public static ComposedMessage ComposeSms(MessageTemplate template, MessageModel model, ContentStrings words, string brand, bool firstSms)
    {
        var sms = MessageRenderer.RenderSms(template, model);
        var body = firstSms ? FirstSmsRules(sms.Body, brand, words) : sms.Body;
        return new ComposedMessage(null, null, body, SmsSize.Of(body), body != sms.Body);
    }

    /// <summary>
    /// The first SMS of an enrollment names the brand and says how to opt out (CTIA, TCPA). A template
    /// that forgets is fixed here rather than sent without it.
    /// </summary>
    internal static string FirstSmsRules(string body, string brand, ContentStrings words)
    {
        var result = body;
        if (!result.Contains(brand, StringComparison.OrdinalIgnoreCase))
        {
            result = $"{brand}: {result}";
        }

        if (!result.Contains("STOP", StringComparison.Ordinal))
        {
            result = $"{result.TrimEnd()} {words.OptOut}";
        }

        return result;
    }
}
