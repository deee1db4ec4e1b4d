using Fluid;
using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>What every email must carry by law, checked once per layout since the layouts put it there.</summary>
internal static class LayoutRules
{
    /// <summary>Every email carries a one-click unsubscribe link and the location's postal address (CAN-SPAM): the layouts put them there.</summary>
    public static void Check(ClinicGroup group, TemplateLibrary templates, List<FileFinding> findings)
    {
        var location = group.Locations.FirstOrDefault(l => l.Active) ?? group.Locations.FirstOrDefault();
        if (location is null)
        {
            return;
        }

        // A body that says nothing, so whatever the email carries comes from the layout alone.
        TemplateLibrary.LiquidParser.TryParse("Hello.", out var plain, out _);
        var sample = new MessageTemplate("(layout check)", null, "check", "check", "en", Channel.Email, "")
        {
            Body = plain,
            Subject = plain,
            BodySource = "Hello.",
            SubjectSource = "Hello",
        };

        foreach (var (language, layout) in templates.Layouts)
        {
            var model = MessageRenderer.Model(group, location, null, SampleMessage.FirstName, templates.StringsFor(language), SampleMessage.Links, group.ServiceLines.Keys.First());
            RenderedEmail email;
            try
            {
                email = MessageRenderer.RenderEmail(sample, layout, model);
            }
            catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException)
            {
                findings.Add(new FileFinding(layout.HtmlPath, 1, 1, FindingSeverity.Error, $"the layout cannot be rendered: {e.Message}"));
                continue;
            }

            foreach (var (path, body) in new[] { (layout.HtmlPath, email.Html), (layout.TextPath, email.Text) })
            {
                if (!body.Contains(SampleMessage.Links.Unsubscribe, StringComparison.Ordinal))
                {
                    findings.Add(new FileFinding(path, 1, 1, FindingSeverity.Error,
                        "emails made with this layout have no unsubscribe link: put {{ links.unsubscribe }} in it — every marketing email must let the patient stop them in one click (CAN-SPAM)"));
                }

                if (!body.Contains(location.Address.ToString(), StringComparison.Ordinal) && !body.Contains(System.Net.WebUtility.HtmlEncode(location.Address.ToString()), StringComparison.Ordinal))
                {
                    findings.Add(new FileFinding(path, 1, 1, FindingSeverity.Error,
                        "emails made with this layout have no postal address: put {{ location.address }} in it (CAN-SPAM asks for a valid physical address)"));
                }
            }
        }
    }
}
