using System.Globalization;
using System.Text.RegularExpressions;
using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>Every sequence in <c>templates/</c>, checked against the group and the templates.</summary>
public sealed partial class SequenceCatalog
{
    private static readonly string[] Keys = ["name", "description", "entry", "disengage_after", "disengage_to", "steps"];
    private static readonly string[] StepKeys = ["id", "stage", "channel", "delay", "when", "choose", "variants"];
    private static readonly string[] WaitKeys = ["id", "stage", "delay", "wait_until", "timeout", "on_timeout"];

    private SequenceCatalog(IReadOnlyList<Sequence> sequences) => Sequences = sequences;

    /// <summary>The sequences, in id order.</summary>
    public IReadOnlyList<Sequence> Sequences { get; }

    /// <summary>The sequence with this id, or null.</summary>
    public Sequence? Find(string id) => Sequences.FirstOrDefault(s => s.Id == id);

    /// <summary>The sequence a lead enters: the first, by id, whose entry lists its service line and source.</summary>
    public Sequence? Choose(string serviceLine, string source) => Sequences.FirstOrDefault(s => s.Enrolls(serviceLine, source));

    /// <summary>Loads every <c>sequence.yaml</c>; returns null when any has an error.</summary>
    public static SequenceCatalog? TryLoad(string templatesDirectory, ClinicGroup group, TemplateLibrary templates, List<FileFinding> findings)
    {
        var sequences = new List<Sequence>();
        foreach (var folder in Directory.EnumerateDirectories(templatesDirectory).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "sequence.yaml");
            if (Path.GetFileName(folder) == TemplateLibrary.LayoutsFolder || !File.Exists(file))
            {
                continue;
            }

            if (Read(file, Path.GetFileName(folder), group, templates, findings) is { } sequence)
            {
                sequences.Add(sequence);
            }
        }

        foreach (var (a, b) in sequences.SelectMany((a, i) => sequences.Skip(i + 1).Select(b => (a, b))))
        {
            var overlap = a.ServiceLines.Intersect(b.ServiceLines).SelectMany(l => a.Sources.Intersect(b.Sources).Select(s => $"{l} from {s}")).ToList();
            if (overlap.Count > 0)
            {
                findings.Add(new FileFinding(b.Path, 1, 1, FindingSeverity.Warning,
                    $"{b.Id} and {a.Id} both enroll {string.Join(", ", overlap)}; {a.Id} wins (first by id)"));
            }
        }

        // disengage_to must name another sequence, and following it must never come back round (a lead would cycle forever).
        foreach (var sequence in sequences.Where(s => s.DisengageTo is not null))
        {
            var target = sequence.DisengageTo!;
            if (sequences.All(s => s.Id != target))
            {
                var hint = DidYouMean.Closest(target, sequences.Select(s => s.Id));
                findings.Add(new FileFinding(sequence.Path, 1, 1, FindingSeverity.Error,
                    $"disengage_to: there is no sequence '{target}'{(hint is null ? "" : $"; did you mean '{hint}'?")}"));
                continue;
            }

            var seen = new List<string> { sequence.Id };
            for (var next = target; next is not null; next = sequences.First(s => s.Id == next).DisengageTo)
            {
                if (seen.Contains(next))
                {
                    findings.Add(new FileFinding(sequence.Path, 1, 1, FindingSeverity.Error,
                        $"disengage_to: {string.Join(" → ", seen.Append(next))} goes round in a circle, so a silent lead would be messaged forever; end the chain with a sequence that has no disengage_to"));
                    break;
                }

                seen.Add(next);
                if (sequences.All(s => s.Id != next))
                {
                    break;
                }
            }
        }

        return findings.Any(f => f.Severity == FindingSeverity.Error) ? null : new SequenceCatalog(sequences);
    }

    private static Sequence? Read(string path, string id, ClinicGroup group, TemplateLibrary templates, List<FileFinding> findings)
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
        entry?.RejectUnknownKeys("service_lines", "sources");
        var lines = entry?.StringList("service_lines", required: true) ?? [];
        var sources = entry?.StringList("sources", required: true) ?? [];
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
            if (map.Has("wait_until"))
            {
                if (ReadWait(map, steps, group, timeouts) is { } wait)
                {
                    steps.Add(wait);
                }

                continue;
            }

            map.RejectUnknownKeys(StepKeys);
            var stepId = map.String("id", required: true) ?? "";
            var stage = Choice(map, "stage", Enum.GetValues<FunnelStage>(), required: true) ?? FunnelStage.Awareness;
            var channel = Choice(map, "channel", Enum.GetValues<Channel>(), required: true) ?? Channel.Email;
            var delay = Delay(map);
            var when = ConditionParser.Read(map, "when", steps, stepId, group);
            var choices = ReadChoices(map, id, steps, stepId, channel, group, templates);
            var variants = ReadVariants(map, id, stepId, channel, delay, templates);
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
                root.File.Error(map.MarkOf("channel"), $"step '{stepId}' is {Name(channel)} but its template {template.Path} is {Name(template.Channel)}");
            }

            steps.Add(new SequenceStep(steps.Count, stepId, stage, channel, delay, when) { Choices = choices, Variants = variants });
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
            : new Sequence(id, name, lines, sources, disengage, steps, display) { DisengageTo = root.String("disengage_to") };
    }

    /// <summary>
    /// <c>choose:</c> a list of <c>{ when: …, template: … }</c>, tried in order; the last may leave out <c>when</c> to mean
    /// "otherwise". Each template must exist in English in the sequence's folder, on the step's channel.
    /// </summary>
    private static List<TemplateChoice> ReadChoices(YamlMap map, string sequence, List<SequenceStep> earlier, string stepId, Channel channel,
        ClinicGroup group, TemplateLibrary templates)
    {
        var choices = new List<TemplateChoice>();
        var options = map.Has("choose") ? map.MapList("choose", required: true) : [];
        foreach (var option in options)
        {
            option.RejectUnknownKeys("when", "template");
            var when = ConditionParser.Read(option, "when", earlier, stepId, group);
            var template = option.String("template", required: true);
            if (template is null)
            {
                continue;
            }

            var found = templates.HasGroupTemplate(sequence, template, "en") ? templates.Find(null, sequence, template, "en") : null;
            if (found is null)
            {
                option.File.Error(option.MarkOf("template"), $"{option.Name("template")}: no English template '{template}': add templates/{sequence}/{template}.en.{(channel == Channel.Email ? "md" : "txt")}");
            }
            else if (found.Channel != channel)
            {
                option.File.Error(option.MarkOf("template"), $"{option.Name("template")}: step '{stepId}' is {Name(channel)} but {found.Path} is {Name(found.Channel)}");
            }

            if (choices.Count > 0 && choices[^1].When.Count == 0)
            {
                option.File.Error(option.Start, $"{option.Name("template")}: '{template}' can never be chosen: the option before it has no 'when', so it is always taken");
            }

            choices.Add(new TemplateChoice(when, template));
        }

        if (choices.Count > 0 && choices[^1].When.Count > 0)
        {
            map.File.Warning(map.MarkOf("choose"), $"{map.Name("choose")}: no option without 'when', so a patient who matches none skips step '{stepId}'; add a last option with only 'template' to send something to everyone");
        }

        return choices;
    }

    /// <summary>
    /// A wait-until step: <c>wait_until:</c> conditions on engagement (what ends the wait), <c>timeout:</c> (required),
    /// <c>on_timeout:</c> a later step to go on at when the timeout comes first (checked once every step is read).
    /// </summary>
    private static SequenceStep? ReadWait(YamlMap map, List<SequenceStep> earlier, ClinicGroup group, List<(YamlMap, string, string)> timeouts)
    {
        map.RejectUnknownKeys(WaitKeys);
        var stepId = map.String("id", required: true) ?? "";
        var stage = map.Has("stage") ? Choice(map, "stage", Enum.GetValues<FunnelStage>(), required: true) ?? FunnelStage.Awareness
            : earlier.Count > 0 ? earlier[^1].Stage : FunnelStage.Awareness;
        var delay = Delay(map);
        var until = ConditionParser.Read(map, "wait_until", earlier, stepId, group);
        foreach (var condition in until.Where(c => !c.OnEngagement))
        {
            map.File.Error(map.MarkOf("wait_until"), $"{map.Name("wait_until")}: '{condition.Text}' is known from the start, so there is nothing to wait for; use when: on the next step");
        }

        if (earlier.Any(s => s.Id == stepId))
        {
            map.File.Error(map.MarkOf("id"), $"step id '{stepId}' is used twice");
        }

        if (!map.Has("timeout"))
        {
            map.File.Error(map.Start, $"wait step '{stepId}' needs a timeout, such as timeout: 3d — a wait must end even if the patient does nothing");
            return null;
        }

        var timeout = Delay(map, "timeout");
        if (map.String("on_timeout") is { } target)
        {
            timeouts.Add((map, stepId, target));
        }

        return new SequenceStep(earlier.Count, stepId, stage, Channel.Email, delay, [])
        {
            Wait = new StepWait(until, timeout, map.String("on_timeout")),
        };
    }

    /// <summary>
    /// <c>variants:</c> an A/B test — a list of <c>{ id, weight, template?, channel?, delay? }</c>. Each template must exist
    /// in English on the variant's channel; ids are unique; at least one weight is above 0 (0 retires a variant).
    /// </summary>
    private static List<StepVariant> ReadVariants(YamlMap map, string sequence, string stepId, Channel channel, TimeSpan delay, TemplateLibrary templates)
    {
        var variants = new List<StepVariant>();
        foreach (var item in map.Has("variants") ? map.MapList("variants", required: true) : [])
        {
            item.RejectUnknownKeys("id", "weight", "template", "channel", "delay");
            var id = item.String("id", required: true);
            var weight = item.Double("weight", required: true) ?? 0;
            if (weight < 0)
            {
                item.File.Error(item.MarkOf("weight"), $"{item.Name("weight")}: {weight} is below 0; use 0 to retire a variant");
            }

            var variantChannel = item.Has("channel") ? Choice(item, "channel", Enum.GetValues<Channel>(), required: true) ?? channel : channel;
            var variantDelay = item.Has("delay") ? Delay(item) : delay;
            var template = item.String("template") ?? stepId;
            var found = templates.HasGroupTemplate(sequence, template, "en") ? templates.Find(null, sequence, template, "en") : null;
            if (found is null)
            {
                item.File.Error(item.MarkOf(item.Has("template") ? "template" : "id"),
                    $"{item.Name("template")}: no English template '{template}': add templates/{sequence}/{template}.en.{(variantChannel == Channel.Email ? "md" : "txt")}");
            }
            else if (found.Channel != variantChannel)
            {
                item.File.Error(item.MarkOf("template"), $"{item.Name("template")}: variant '{id}' is {Name(variantChannel)} but {found.Path} is {Name(found.Channel)}");
            }

            if (id is not null && variants.Any(v => v.Id == id))
            {
                item.File.Error(item.MarkOf("id"), $"variant id '{id}' is used twice in step '{stepId}'");
            }

            variants.Add(new StepVariant(id ?? "", weight, template, variantChannel, variantDelay));
        }

        if (variants.Count > 0 && variants.All(v => v.Weight <= 0))
        {
            map.File.Error(map.MarkOf("variants"), $"{map.Name("variants")}: every variant has weight 0, so nobody would get step '{stepId}'; give one a weight");
        }
        else if (variants.Count(v => v.Weight > 0) == 1)
        {
            map.File.Warning(map.MarkOf("variants"), $"{map.Name("variants")}: only one variant is live, so step '{stepId}' is not being tested any more; fold the winner into the step when you are ready");
        }

        return variants;
    }

    private static T? Choice<T>(YamlMap map, string key, T[] values, bool required) where T : struct, Enum
    {
        var text = map.String(key, required);
        if (text is null)
        {
            return null;
        }

        foreach (var value in values)
        {
            if (string.Equals(Name(value), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        map.File.Error(map.MarkOf(key), $"{map.Name(key)}: '{text}' is not one of {string.Join(", ", values.Select(v => Name(v)))}");
        return null;
    }

    private static TimeSpan Delay(YamlMap map, string key = "delay")
    {
        var text = map.String(key) ?? "0";
        var match = DelayPattern().Match(text.Replace(" ", "", StringComparison.Ordinal));
        if (!match.Success || text.Trim().Length == 0)
        {
            map.File.Error(map.MarkOf(key), $"{map.Name(key)}: '{text}' is not a delay; write it like 2d, 12h, 1d12h or 30m");
            return TimeSpan.Zero;
        }

        static int Part(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(Part(match.Groups["d"]), Part(match.Groups["h"]), Part(match.Groups["m"]), 0);
    }

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    [GeneratedRegex(@"^(?:0|(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?)$")]
    private static partial Regex DelayPattern();
}
