using NurtureHealth.Templates;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>Reads a step's <c>variants:</c>, the A/B test of its message.</summary>
internal static class VariantParser
{
    /// <summary>
    /// <c>variants:</c> an A/B test — a list of <c>{ id, weight, template?, channel?, delay? }</c>. Each template must exist
    /// in English on the variant's channel; ids are unique; at least one weight is above 0 (0 retires a variant).
    /// </summary>
    public static List<StepVariant> Read(YamlMap map, string sequence, string stepId, Channel channel, TimeSpan delay, TemplateLibrary templates)
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

            var variantChannel = item.Has("channel") ? SequenceYaml.Choice(item, "channel", Enum.GetValues<Channel>(), required: true) ?? channel : channel;
            var variantDelay = item.Has("delay") ? SequenceYaml.Delay(item) : delay;
            var template = item.String("template") ?? stepId;
            var found = templates.HasGroupTemplate(sequence, template, "en") ? templates.Find(null, sequence, template, "en") : null;
            if (found is null)
            {
                item.File.Error(item.MarkOf(item.Has("template") ? "template" : "id"),
                    $"{item.Name("template")}: no English template '{template}': add templates/{sequence}/{template}.en.{(variantChannel == Channel.Email ? "md" : "txt")}");
            }
            else if (found.Channel != variantChannel)
            {
                item.File.Error(item.MarkOf("template"), $"{item.Name("template")}: variant '{id}' is {SequenceYaml.Name(variantChannel)} but {found.Path} is {SequenceYaml.Name(found.Channel)}");
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
}
