using NurtureHealth.Locations;
using NurtureHealth.Touches;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>Reads a step that waits for the patient to do something, or for its timeout.</summary>
internal static class WaitStepParser
{
    private static readonly string[] WaitKeys = ["id", "stage", "delay", "wait_until", "timeout", "on_timeout"];

    /// <summary>
    /// A wait-until step: <c>wait_until:</c> conditions on engagement (what ends the wait), <c>timeout:</c> (required),
    /// <c>on_timeout:</c> a later step to go on at when the timeout comes first (checked once every step is read).
    /// </summary>
    public static SequenceStep? Read(YamlMap map, List<SequenceStep> earlier, ClinicGroup group, List<(YamlMap, string, string)> timeouts)
    {
        map.RejectUnknownKeys(WaitKeys);
        var stepId = map.String("id", required: true) ?? "";
        var stage = map.Has("stage") ? SequenceYaml.Choice(map, "stage", Enum.GetValues<FunnelStage>(), required: true) ?? FunnelStage.Awareness
            : earlier.Count > 0 ? earlier[^1].Stage : FunnelStage.Awareness;
        var delay = SequenceYaml.Delay(map);
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

        var timeout = SequenceYaml.Delay(map, "timeout");
        if (map.String("on_timeout") is { } target)
        {
            timeouts.Add((map, stepId, target));
        }

        return new SequenceStep(earlier.Count, stepId, stage, Channel.Email, delay, [])
        {
            Wait = new StepWait(until, timeout, map.String("on_timeout")),
        };
    }
}
