using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Touches;

namespace NurtureHealth.Checks;

/// <summary>
/// Renders what a patient would get from a step, the way the dispatcher does — the location's override or the group's
/// template in the patient's language, the shared layout, the first text's brand and opt-out wording — with sample
/// links that go nowhere (<c>example.invalid</c>).
/// </summary>
public static class MessagePreview
{
    /// <summary>The sample patient's first name.</summary>
    public const string SampleFirstName = "Alex";

    /// <summary>Links in a preview: clearly samples, never a real token.</summary>
    public static readonly LinksModel SampleLinks = new("https://example.invalid/preview/booking-link", "https://example.invalid/preview/unsubscribe-link");

    /// <summary>Renders the request against checked content; throws <see cref="PreviewException"/> naming what is wrong.</summary>
    public static PreviewResult Render(ContentCheckResult content, PreviewRequest request, string locationsDirectory = "locations")
    {
        if (content.Group is null || content.Templates is null || content.Sequences is null)
        {
            throw new PreviewException("the files have errors, so nothing can be previewed until they are fixed (run nurture check)");
        }

        var group = content.Group;
        var location = group.Find(request.Location)
            ?? throw new PreviewException(Unknown("location", request.Location, group.Locations.Select(l => l.Id)));
        var sequence = content.Sequences.Find(request.Sequence)
            ?? throw new PreviewException(Unknown("sequence", request.Sequence, content.Sequences.Sequences.Select(s => s.Id)));
        var sendable = sequence.Steps.Where(s => s.Wait is null).ToList();
        var step = int.TryParse(request.Step, out var number)
            ? number >= 1 && number <= sequence.Steps.Count ? sequence.Steps[number - 1]
                : throw new PreviewException($"{sequence.Id} has steps 1 to {sequence.Steps.Count}; there is no step {number}")
            : sequence.Steps.FirstOrDefault(s => s.Id == request.Step)
                ?? throw new PreviewException(Unknown($"step of {sequence.Id}", request.Step, sequence.Steps.Select(s => s.Id)));
        if (step.Wait is not null)
        {
            throw new PreviewException($"step '{step.Id}' waits for the patient and sends nothing; preview the step before or after it");
        }

        var options = step.Choices.Select(c => c.Template).Concat(step.Variants.Select(v => v.Template)).Distinct().ToList();
        var chosen = request.Template ?? (options.Count > 0 ? options[0] : step.Id);
        if (request.Template is not null && request.Template != step.Id && !options.Contains(request.Template))
        {
            throw new PreviewException(Unknown($"template of step '{step.Id}'", request.Template, options.Count > 0 ? options : [step.Id]));
        }

        var template = content.Templates.Find(location.Id, sequence.Id, chosen, request.Language)
            ?? throw new PreviewException($"no template {chosen} for {sequence.Id}");
        var line = request.ServiceLine is { } asked && group.ServiceLines.TryGetValue(asked, out var l) ? l
            : sequence.ServiceLines.Select(id => group.ServiceLines.GetValueOrDefault(id)).OfType<ServiceLine>().FirstOrDefault(s => location.ServiceLines.Contains(s.Id))
              ?? group.ServiceLines.Values.First();
        var provider = request.ProviderId is { } id ? location.Providers.FirstOrDefault(p => p.Id == id)
            : ProviderMatcher.Match(location, line, request.Language, "preview").Provider;
        var words = content.Templates.StringsFor(request.Language);
        var model = MessageRenderer.Model(group, location, provider, request.FirstName, words, SampleLinks, line.Id) with
        {
            Appointment = sequence.Journey is null ? AppointmentModel.None : SampleMessage.Appointment(location, words),
        };
        var parts = new List<PreviewPart>
        {
            new("message", template.Path, template.LocationId is null ? "the group's template" : "this location's own version"),
        };
        if (template.Language != request.Language)
        {
            parts.Add(new PreviewPart("note", template.Path, $"there is no {request.Language} version, so a {request.Language} speaker gets this one"));
        }

        var others = options.Where(o => o != chosen).ToList();
        var first = template.Channel == Channel.Sms && sendable.FirstOrDefault(s => s.Channel == Channel.Sms)?.Id == step.Id;
        var composed = Messaging.MessageComposer.Compose(template, model, content.Templates, words, group.Name, request.Language, first);
        if (composed.SmsBody is { } body)
        {
            if (composed.OptOutAdded)
            {
                parts.Add(new PreviewPart("opt-out wording", "(added by NurtureHealth)", "the first text of a sequence names the group and says how to stop"));
            }

            parts.Add(new PreviewPart("location details", LocationFile(locationsDirectory, location), "this location's file"));
            return new PreviewResult(location, sequence, step, request.Language, Channel.Sms, parts, null, body, composed.SmsSize, others, provider?.Name);
        }

        var layout = composed.Layout!;
        parts.Add(new PreviewPart("email layout", layout.HtmlPath, "shared by the group (with " + Path.GetFileName(layout.TextPath) + ")"));
        parts.Add(new PreviewPart("location details", LocationFile(locationsDirectory, location), "this location's file"));
        return new PreviewResult(location, sequence, step, request.Language, Channel.Email, parts, composed.Email, null, null, others, provider?.Name);
    }

    private static string LocationFile(string directory, Location location) => ClinicGroupLoader.Display(Path.Combine(directory, location.Id, ClinicGroupLoader.LocationFileName));

    private static string Unknown(string what, string value, IEnumerable<string> known)
    {
        var list = known.ToList();
        var hint = Yaml.DidYouMean.Closest(value, list);
        return hint is null
            ? $"there is no {what} '{value}'; there are: {string.Join(", ", list)}"
            : $"there is no {what} '{value}'; did you mean '{hint}'?";
    }
}
