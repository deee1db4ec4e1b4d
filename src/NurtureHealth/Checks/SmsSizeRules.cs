using Fluid;
using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>What a text costs: its parts within the segment budget, and the character that made it UCS-2.</summary>
internal static class SmsSizeRules
{
    // Characters that make a text UCS-2 and have a plain GSM-7 equivalent a writer can type instead.
    private static readonly Dictionary<char, string> Avoidable = new()
    {
        ['’'] = "'",
        ['‘'] = "'",
        ['“'] = "\"",
        ['”'] = "\"",
        ['–'] = "-",
        ['—'] = "-",
        ['…'] = "...",
        ['\u00A0'] = "a plain space",
    };

    /// <summary>A text's length at every location it can reach: over the budget is an error; a needless UCS-2 character a warning.</summary>
    public static void Check(ClinicGroup group, MessageTemplate template, ContentStrings words, string text, IReadOnlyList<Location> locations, bool first, int budget, List<FileFinding> findings)
    {
        (Location Location, string Body)? worst = null;
        foreach (var location in locations)
        {
            var provider = location.Providers.OrderByDescending(p => p.Name.Length).FirstOrDefault();
            var model = MessageRenderer.Model(group, location, provider, SampleMessage.FirstName, words, SampleMessage.Links, group.ServiceLines.Keys.First(),
                [DateTimeOffset.UnixEpoch.AddDays(20_000).AddHours(15), DateTimeOffset.UnixEpoch.AddDays(20_001).AddHours(16), DateTimeOffset.UnixEpoch.AddDays(20_002).AddHours(9)])
                with
            { Appointment = SampleMessage.Appointment(location, words) };
            string body;
            try
            {
                body = Messaging.MessageComposer.ComposeSms(template, model, words, group.Name, first).SmsBody!;
            }
            catch (Exception e) when (e is FluidException or InvalidOperationException or ArgumentException or FormatException)
            {
                findings.Add(new FileFinding(template.Path, 1, 1, FindingSeverity.Error, $"the text cannot be rendered for {location.Id}: {e.Message}"));
                return;
            }

            var size = SmsSize.Of(body);
            if (worst is null || size.Segments > SmsSize.Of(worst.Value.Body).Segments || (size.Segments == SmsSize.Of(worst.Value.Body).Segments && size.Length > SmsSize.Of(worst.Value.Body).Length))
            {
                worst = (location, body);
            }
        }

        if (worst is not { } w)
        {
            return;
        }

        var measured = SmsSize.Of(w.Body);
        string cause = "", where = "";
        var (line, column) = (1, 1);
        if (measured.Encoding == SmsEncoding.Ucs2 && measured.FirstNonGsmCharacter is { } culprit)
        {
            var index = text.IndexOf(culprit, StringComparison.Ordinal);
            if (index >= 0)
            {
                (line, column) = TemplateText.Position(text, index);
                where = $" at {line}:{column}";
            }
            else
            {
                where = $" (from a value filled in, such as {w.Location.Id}'s name or address)";
            }

            cause = $"; it is UCS-2 (70 characters a part instead of 160) because of '{culprit}'{where}";
            if (index >= 0 && culprit.Length == 1 && Avoidable.TryGetValue(culprit[0], out var plain) && measured.Segments <= budget)
            {
                findings.Add(new FileFinding(template.Path, line, column, FindingSeverity.Warning,
                    $"'{culprit}' makes this text UCS-2, so each part holds 70 characters instead of 160; type {plain} instead"));
            }
        }

        if (measured.Segments > budget)
        {
            findings.Add(new FileFinding(template.Path, line, column, FindingSeverity.Error,
                $"this text is {measured.Segments} parts at {w.Location.Id} ({measured.Length} {(measured.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2")} characters with a long first name{(first ? " and the opt-out wording" : "")}), over the budget of {budget} (Nurture:Check:SmsSegmentBudget){cause}"));
        }
    }
}
