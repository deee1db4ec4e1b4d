using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>Reads a step's <c>choose:</c>, the templates it picks between by what the patient did.</summary>
internal static class ChoiceParser
{
    /// <summary>
    /// <c>choose:</c> a list of <c>{ when: …, template: … }</c>, tried in order; the last may leave out <c>when</c> to mean
    /// "otherwise". Each template must exist in English in the sequence's folder, on the step's channel.
    /// </summary>
    public static List<TemplateChoice> Read(YamlMap map, string sequence, List<SequenceStep> earlier, string stepId, Channel channel,
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
                option.File.Error(option.MarkOf("template"), $"{option.Name("template")}: step '{stepId}' is {SequenceYaml.Name(channel)} but {found.Path} is {SequenceYaml.Name(found.Channel)}");
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
}
