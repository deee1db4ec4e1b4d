using System.Globalization;
using Fluid;
using Fluid.Values;

namespace NurtureHealth.Templates;

/// <summary>
/// The words NurtureHealth writes itself in one language, outside any template (<c>templates/_strings/LANG.yaml</c>):
/// how opening hours and free slots read, the provider fallback, the opt-out line of a first text, the replies to
/// STOP, START and HELP, and the staff note of a hand-off. Read and checked by <see cref="ContentStringsFile"/>.
/// </summary>
public sealed class ContentStrings
{
    /// <summary>The language, as the file is named (<c>en</c>, <c>es</c>).</summary>
    public required string Language { get; init; }

    /// <summary>The file, for messages.</summary>
    public required string Path { get; init; }

    /// <summary>Day names, dates and times come from this culture.</summary>
    public required CultureInfo Culture { get; init; }

    /// <summary>An opening time on the hour (<c>h tt</c>: 8 AM).</summary>
    public required string OnTheHour { get; init; }

    /// <summary>An opening time with minutes (<c>h:mm tt</c>: 8:30 AM).</summary>
    public required string WithMinutes { get; init; }

    /// <summary>A free appointment slot, in the location's time zone.</summary>
    public required string Slot { get; init; }

    /// <summary>Who the provider is when none was chosen.</summary>
    public required string ProviderFallback { get; init; }

    /// <summary>Added to a first text that does not say how to opt out.</summary>
    public required string OptOut { get; init; }

    internal IReadOnlyDictionary<string, IFluidTemplate> Texts { get; init; } = new Dictionary<string, IFluidTemplate>();

    /// <summary>The culture's short name of a day, without an abbreviation's dot (Mon, lun).</summary>
    public string DayName(DayOfWeek day) => Culture.DateTimeFormat.GetAbbreviatedDayName(day).TrimEnd('.');

    /// <summary>A time of day as opening hours show it.</summary>
    public string Time(TimeOnly time) => time.ToString(time.Minute == 0 ? OnTheHour : WithMinutes, Culture);

    /// <summary>The reply to a STOP.</summary>
    public string Stopped(string group) => Render("sms.stopped", ("group", group));

    /// <summary>The reply to a START.</summary>
    public string Resubscribed(string group) => Render("sms.resubscribed", ("group", group));

    /// <summary>The reply to a HELP: the location and its phone, or the group when the texted number is no location's.</summary>
    public string Help(string group, string? location, string? phone) =>
        location is null ? Render("sms.help_no_location", ("group", group)) : Render("sms.help", ("location", location), ("phone", phone));

    /// <summary>A piece of the text named by its key (<c>staff.hot_lead</c>), with its values.</summary>
    public string Render(string key, params (string Name, object? Value)[] values)
    {
        var context = new TemplateContext(TemplateLibrary.Options);
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value is bool b ? BooleanValue.Create(b) : new StringValue(value?.ToString() ?? ""));
        }

        return Texts[key].Render(context, NullEncoder.Default);
    }
}
