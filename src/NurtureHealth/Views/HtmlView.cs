using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;

namespace NurtureHealth.Views;

/// <summary>
/// One of the tools' HTML pages (the report, the preview), drawn by a Liquid view embedded in this assembly
/// (<c>Views/NAME.liquid</c>) from a plain model. The one stylesheet the pages share (<c>Views/site.css</c>) is handed to
/// every view as <c>{{ stylesheet }}</c>, to be written inline: each page stays a single self-contained file.
/// </summary>
/// <remarks>
/// The view is parsed once, when the page's type first needs it. Every value is HTML-encoded (only &lt; &gt; &amp; " ' +
/// and invisible characters: names read as written in the file), so a location's, template's or patient's text can never
/// become markup; the stylesheet is the one value written as it is. Strict like the message templates: a name the model
/// does not have fails the render instead of printing nothing. Thread-safe: each render has its own context.
/// </remarks>
internal sealed class HtmlView
{
    private static readonly FluidParser Parser = new();
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly Lazy<string> Stylesheet = new(() => Resource("site.css"));

    private readonly IFluidTemplate _template;
    private readonly TemplateOptions _options;

    /// <summary>Parses the view <paramref name="name"/>; <paramref name="modelTypes"/> are the types whose members it may read (snake_case).</summary>
    public HtmlView(string name, params Type[] modelTypes)
    {
        if (!Parser.TryParse(Resource(name), out var template, out var error))
        {
            throw new InvalidOperationException($"The embedded view {name} is not valid Liquid: {error}");
        }

        _template = template;
        _options = new TemplateOptions { StrictVariables = true, StrictFilters = true, CultureInfo = CultureInfo.InvariantCulture };
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        foreach (var type in modelTypes)
        {
            _options.MemberAccessStrategy.Register(type);
        }
    }

    /// <summary>The page for this model.</summary>
    public string Render(object model)
    {
        var context = new TemplateContext(model, _options, true);
        context.SetValue("stylesheet", new StringValue(Stylesheet.Value, encode: false));
        return _template.Render(context, Encoder);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(HtmlView).Assembly.GetManifestResourceStream("NurtureHealth.Views." + name)
            ?? throw new InvalidOperationException($"The view {name} is missing from the NurtureHealth assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
