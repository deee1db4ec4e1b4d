using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>
/// Reads one <c>sequence.yaml</c>: its entry (checked against the group's service lines and lead sources), its steps
/// (each with an English template on its channel) and its waits, whose timeouts may only jump forward.
/// </summary>
internal static class SequenceParser
{
    private static readonly string[] Keys = ["name", "description", "entry", "disengage_after", "disengage_to", "steps"];
    private static readonly string[] StepKeys = ["id", "stage", "channel", "delay", "before", "when", "choose", "variants"];
    private static readonly AppointmentStatus[] Journeys = [AppointmentStatus.Booked, AppointmentStatus.Cancelled, AppointmentStatus.NoShow];

    /// <summary>The sequence in <paramref name="path"/>, or null when it has an error (every problem is a finding).</summary>
    public static Sequence? Read(string path, string id, ClinicGroup group, TemplateLibrary templates, List<FileFinding> findings)
    {
        var errorsBefore = findings.Count(f => f.Severity == FindingSeverity.Error);
        var display = ClinicGroupLoader.Display(path);
        var root = YamlDocumentReader.Open(path, display, findings);
        if (root is null)
        {
            return null;
        }

        root.RejectUnknownKeys(Keys);
        var name = root.String("name") ?? id;
        var entry = root.Map("entry", required: true);
        entry?.RejectUnknownKeys("service_lines", "sources", "appointment");
        var journey = entry is null ? null : Journey(entry);
        var lines = entry?.StringList("service_lines", required: true) ?? [];
        var sources = entry?.StringList("sources", required: journey is null) ?? [];
        if (journey is not null && sources.Count > 0)
        {
            root.File.Error(entry!.MarkOf("sources"), "entry.sources: an appointment journey is entered by the appointment, not by a lead source; leave sources out");
        }
        foreach (var line in lines.Where(l => !group.ServiceLines.ContainsKey(l)))
        {
            root.File.Error(entry!.MarkOf("service_lines"), $"entry.service_lines: '{line}' is not a service line in group.yaml");
        }

        foreach (var source in sources.Where(s => !group.LeadSources.Contains(s)))
        {
            root.File.Error(entry!.MarkOf("sources"), $"entry.sources: '{source}' is not a lead source in group.yaml");
        }

        var disengage = root.Double("disengage_after") is { } d ? (int?)d : null;
        var steps = new List<SequenceStep>();
        var timeouts = new List<(YamlMap Map, string Step, string Target)>();
        foreach (var map in root.MapList("steps", required: true))
        {
            if (map.Has("wait_until") && journey == AppointmentStatus.Booked)
            {
                root.File.Error(map.MarkOf("wait_until"), "wait_until: a booked journey's steps are timed by the appointment, not by what the patient does; use before: or delay:");
                continue;
            }

            if (map.Has("wait_until"))
            {
                if (WaitStepParser.Read(map, steps, group, timeouts) is { } wait)
                {
                    steps.Add(wait);
                }

                continue;
            }

            map.RejectUnknownKeys(StepKeys);
            var stepId = map.String("id", required: true) ?? "";
            var stage = SequenceYaml.Choice(map, "stage", Enum.GetValues<FunnelStage>(), required: true) ?? FunnelStage.Awareness;
            var channel = SequenceYaml.Choice(map, "channel", Enum.GetValues<Channel>(), required: true) ?? Channel.Email;
            var delay = SequenceYaml.Delay(map);
            TimeSpan? before = map.Has("before") ? SequenceYaml.Delay(map, "before") : null;
            if (before is not null && journey != AppointmentStatus.Booked)
            {
                root.File.Error(map.MarkOf("before"), $"step '{map.String("id")}': before: counts back from a booked appointment's start; use it only in a journey with entry.appointment: booked");
            }
            else if (before is not null && map.Has("delay"))
            {
                root.File.Error(map.MarkOf("before"), $"step '{map.String("id")}' has both delay and before; a reminder is timed by before alone");
            }
            else if (before is { } b && steps.LastOrDefault(s => s.Before is not null) is { Before: { } earlier } previous && b >= earlier)
            {
                root.File.Error(map.MarkOf("before"), $"step '{map.String("id")}' ({map.String("before")} before) comes after '{previous.Id}' but would be sent no later; list reminders in the order they go out");
            }
            var when = ConditionParser.Read(map, "when", steps, stepId, group);
            var choices = ChoiceParser.Read(map, id, steps, stepId, channel, group, templates);
            var variants = VariantParser.Read(map, id, stepId, channel, delay, templates);
            if (choices.Count > 0 && variants.Count > 0)
            {
                root.File.Error(map.MarkOf("variants"), $"step '{stepId}' has both choose and variants; test variants on a step without choose");
            }

            if (steps.Any(s => s.Id == stepId))
            {
                root.File.Error(map.MarkOf("id"), $"step id '{stepId}' is used twice");
            }

            var template = templates.Find(null, id, stepId, "en");
            if (choices.Count > 0 || (variants.Count > 0 && variants.All(v => v.Template != stepId)))
            {
                // The step sends one of its choices' or variants' templates; it needs none of its own.
            }
            else if (stepId.Length > 0 && (template is null || !templates.HasGroupTemplate(id, stepId, "en")))
            {
                root.File.Error(map.MarkOf("id"), $"step '{stepId}' has no English template: add templates/{id}/{stepId}.en.{(channel == Channel.Email ? "md" : "txt")}");
            }
            else if (template is not null && template.Channel != channel)
            {
                root.File.Error(map.MarkOf("channel"), $"step '{stepId}' is {SequenceYaml.Name(channel)} but its template {template.Path} is {SequenceYaml.Name(template.Channel)}");
            }

            steps.Add(new SequenceStep(steps.Count, stepId, stage, channel, delay, when) { Choices = choices, Variants = variants, Before = before });
        }

        if (steps.Count == 0)
        {
            root.File.Error(root.MarkOf("steps"), "a sequence needs at least one step");
        }

        // A timeout can only jump forward, so a sequence can never loop.
        foreach (var (map, step, target) in timeouts)
        {
            var from = steps.FindIndex(s => s.Id == step);
            var to = steps.FindIndex(s => s.Id == target);
            if (to < 0)
            {
                var hint = DidYouMean.Closest(target, steps.Select(s => s.Id));
                map.File.Error(map.MarkOf("on_timeout"), $"{map.Name("on_timeout")}: there is no step '{target}'{(hint is null ? "" : $"; did you mean '{hint}'?")}");
            }
            else if (to <= from)
            {
                map.File.Error(map.MarkOf("on_timeout"), $"{map.Name("on_timeout")}: '{target}' comes before this wait, so the sequence would loop; name a later step");
            }
            else if (to == from + 1)
            {
                map.File.Warning(map.MarkOf("on_timeout"), $"{map.Name("on_timeout")}: '{target}' is the next step anyway; leave on_timeout out");
            }
        }

        if (steps.Count > 0 && steps[^1].Wait is not null)
        {
            root.File.Warning(root.MarkOf("steps"), $"the last step '{steps[^1].Id}' waits, but nothing comes after it; the sequence simply ends when the wait does");
        }

        return findings.Count(f => f.Severity == FindingSeverity.Error) > errorsBefore
            ? null
            : new Sequence(id, name, lines, sources, disengage, steps, display) { DisengageTo = root.String("disengage_to"), Journey = journey };
    }

    /// <summary><c>entry.appointment</c>: booked, cancelled or no-show; null for a nurture sequence.</summary>
    private static AppointmentStatus? Journey(YamlMap entry)
    {
        if (entry.String("appointment") is not { } text)
        {
            return null;
        }

        foreach (var value in Journeys.Where(v => StoredName.Of(v) == text.Trim().ToLowerInvariant()))
        {
            return value;
        }

        entry.File.Error(entry.MarkOf("appointment"), $"entry.appointment: '{text}' is not one of {string.Join(", ", Journeys.Select(StoredName.Of))}");
        return AppointmentStatus.Booked;
    }
}
