using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Markdig;
using NurtureHealth.Locations;
using NurtureHealth.Touches;

namespace NurtureHealth.Templates;

/// <summary>
/// Renders templates for one patient. Email: Liquid, then Markdown to HTML inside the shared layout,
/// plus a plain-text part; every value is HTML-escaped in the HTML part, and the patient's own words are
/// Markdown-escaped too (<see cref="MarkdownText"/>), so nothing typed into a form becomes live content. SMS: Liquid to
/// plain text, measured for encoding and segments.
/// </summary>
/// <remarks>Thread-safe: each render has its own context.</remarks>
public static partial class MessageRenderer
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAutoLinks().UseEmphasisExtras().UsePipeTables().Build();

    /// <summary>Builds the model for one patient at one location.</summary>
    /// <param name="group">The clinic group.</param>
    /// <param name="location">The patient's location.</param>
    /// <param name="provider">Their provider, when one was matched.</param>
    /// <param name="firstName">The patient's first name.</param>
    /// <param name="words">The words of the patient's language (<see cref="TemplateLibrary.StringsFor"/>): hours, slots, the provider fallback.</param>
    /// <param name="links">The signed links of this message.</param>
    /// <param name="serviceLine">The service line they asked about.</param>
    /// <param name="freeSlots">The next free appointment slots, when the FHIR server gave any.</param>
    public static MessageModel Model(ClinicGroup group, Location location, Provider? provider, string firstName, ContentStrings words, LinksModel links, string serviceLine,
        IReadOnlyList<DateTimeOffset>? freeSlots = null)
    {
        // "Lakeshore Health — Lincoln Park" → "Lincoln Park": the part after the group's name or the last dash.
        var shortName = location.Name.StartsWith(group.Name, StringComparison.Ordinal)
            ? location.Name[group.Name.Length..].TrimStart(' ', '—', '-', '–').Trim()
            : location.Name.LastIndexOf('—') is var dash and >= 0 ? location.Name[(dash + 1)..].Trim() : location.Name;
        return new MessageModel(
            new PatientModel(firstName),
            new LocationModel(location.Name, shortName, location.Address.ToString(), location.Address.City, location.Phone, PhoneDisplay(location.Phone),
                HoursText.Format(location.Hours, words),
                "https://www.google.com/maps/search/?api=1&query=" + Uri.EscapeDataString(location.Address.ToString()), location.Parking ?? ""),
            provider is null
                ? new ProviderModel(false, words.ProviderFallback, "")
                : new ProviderModel(true, provider.Name, provider.Title ?? ""),
            links,
            new GroupModel(group.Name),
            new ServiceModel(serviceLine, group.ServiceLines.TryGetValue(serviceLine, out var line) ? line.Name : serviceLine),
            freeSlots is { Count: > 0 } ? Slots(freeSlots, links, location.TimeZone, words) : SlotsModel.None);
    }

    /// <summary>The appointment as messages show it: its start in the location's time zone, written the language's way.</summary>
    public static AppointmentModel Appointment(DateTimeOffset start, bool confirmed, TimeZoneInfo zone, ContentStrings words) =>
        new(true, TimeZoneInfo.ConvertTime(start, zone).ToString(words.Slot, words.Culture), confirmed);

    private static SlotsModel Slots(IReadOnlyList<DateTimeOffset> starts, LinksModel links, TimeZoneInfo zone, ContentStrings words)
    {
        var texts = starts.Select(s => TimeZoneInfo.ConvertTime(s, zone).ToString(words.Slot, words.Culture)).ToList();
        // Each time is a button: to that very slot when the scheduler gave a link for it, else to the booking page.
        return new SlotsModel(true, string.Join("; ", texts), texts[0])
        {
            Times = [.. texts.Take(3).Select((text, i) => new SlotTimeModel(text, links.SlotLinks.ElementAtOrDefault(i) ?? links.Booking))],
        };
    }

    /// <summary>Renders an email template inside the layout.</summary>
    public static RenderedEmail RenderEmail(MessageTemplate template, EmailLayout layout, MessageModel model)
    {
        if (template.Channel != Channel.Email)
        {
            throw new ArgumentException($"{template.Path} is an SMS template", nameof(template));
        }

        var subject = OneLine(template.Subject!.Render(Context(model), NullEncoder.Default));
        var preheader = template.Preheader is null ? "" : OneLine(template.Preheader.Render(Context(model), NullEncoder.Default));
        // The patient's own words go into the Markdown as text: escaped, so they can never become a link, an image or markup.
        var asText = model with { Patient = model.Patient with { FirstName = MarkdownText.Escape(model.Patient.FirstName) } };
        var bodyHtml = Markdig.Markdown.ToHtml(template.Body.Render(Context(asText), HtmlEncoder.Default), Markdown);
        var bodyText = PlainText(template.Body.Render(Context(model), NullEncoder.Default));

        var htmlContext = Context(model);
        htmlContext.SetValue("content", new StringValue(bodyHtml, encode: false));
        htmlContext.SetValue("subject", subject);
        htmlContext.SetValue("preheader", preheader);
        var html = layout.Html.Render(htmlContext, HtmlEncoder.Default);

        var textContext = Context(model);
        textContext.SetValue("content", new StringValue(bodyText, encode: false));
        textContext.SetValue("subject", subject);
        textContext.SetValue("preheader", preheader);
        var text = layout.Text.Render(textContext, NullEncoder.Default);
        return new RenderedEmail(subject, preheader, html, text.Trim() + "\n", template, layout);
    }

    /// <summary>Renders an SMS template.</summary>
    public static RenderedSms RenderSms(MessageTemplate template, MessageModel model)
    {
        if (template.Channel != Channel.Sms)
        {
            throw new ArgumentException($"{template.Path} is an email template", nameof(template));
        }

        var body = Spaces().Replace(template.Body.Render(Context(model), NullEncoder.Default).Trim(), " ");
        return new RenderedSms(body, SmsSize.Of(body), template);
    }

    /// <summary>US numbers the way patients write them: +13125550142 → (312) 555-0142.</summary>
    public static string PhoneDisplay(string e164) =>
        e164.Length == 12 && e164.StartsWith("+1", StringComparison.Ordinal) ? $"({e164[2..5]}) {e164[5..8]}-{e164[8..]}" : e164;

    private static TemplateContext Context(MessageModel model) => new(model, TemplateLibrary.Options, true);

    private static string OneLine(string text) => Spaces().Replace(text.Replace('\n', ' ').Trim(), " ");

    /// <summary>The Markdown source as readable text: links as "text (url)", no emphasis marks, no heading hashes.</summary>
    private static string PlainText(string markdown)
    {
        var text = MarkdownLink().Replace(markdown, m => m.Groups[1].Value == m.Groups[2].Value ? m.Groups[2].Value : $"{m.Groups[1].Value}: {m.Groups[2].Value}");
        text = Emphasis().Replace(text, "$2");
        text = Heading().Replace(text, "");
        return text.Trim();
    }

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?<![\w*])(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^#{1,6}\s*", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();
}
