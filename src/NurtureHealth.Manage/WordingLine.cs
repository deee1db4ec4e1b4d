using NurtureHealth.Touches;
using NurtureHealth.Workspace;

namespace NurtureHealth.Manage;

/// <summary>One group template a location may word its own way, and whether it does.</summary>
public sealed record WordingLine(string Sequence, string SequenceName, string Template, string Language, string FileName, bool Text, bool Own)
{
    /// <summary>The templates of the sequences that serve the location.</summary>
    public static IReadOnlyList<WordingLine> For(DraftContent draft, string locationId)
    {
        var content = draft.Check;
        if (content.Templates is null || content.Sequences is null || content.Group?.Find(locationId) is not { } location)
        {
            return [];
        }

        var sequences = content.Sequences.Sequences.Where(s => s.ServiceLines.Any(location.ServiceLines.Contains)).ToDictionary(s => s.Id);
        var own = content.Templates.All.Where(t => t.LocationId == locationId).Select(t => (t.Sequence, t.Step, t.Language)).ToHashSet();
        return
        [
            .. content.Templates.All
                .Where(t => t.LocationId is null && sequences.ContainsKey(t.Sequence))
                .OrderBy(t => t.Sequence, StringComparer.Ordinal).ThenBy(t => t.Path, StringComparer.Ordinal)
                .Select(t => new WordingLine(t.Sequence, sequences[t.Sequence].Name, t.Step, t.Language, Path.GetFileName(t.Path), t.Channel == Channel.Sms,
                    own.Contains((t.Sequence, t.Step, t.Language)))),
        ];
    }
}
