using NurtureHealth.Locations;
using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>Every sequence in <c>templates/</c>, checked against the group and the templates.</summary>
public sealed class SequenceCatalog
{
    private SequenceCatalog(IReadOnlyList<Sequence> sequences) => Sequences = sequences;

    /// <summary>The sequences, in id order.</summary>
    public IReadOnlyList<Sequence> Sequences { get; }

    /// <summary>The sequence with this id, or null.</summary>
    public Sequence? Find(string id) => Sequences.FirstOrDefault(s => s.Id == id);

    /// <summary>The sequence a lead enters: the first, by id, whose entry lists its service line and source.</summary>
    public Sequence? Choose(string serviceLine, string source) => Sequences.FirstOrDefault(s => s.Enrolls(serviceLine, source));

    /// <summary>The appointment journey an appointment for <paramref name="serviceLine"/> starts at <paramref name="moment"/>: the first by id, or null.</summary>
    public Sequence? ForAppointment(string serviceLine, Touches.AppointmentStatus moment) => Sequences.FirstOrDefault(s => s.Follows(serviceLine, moment));

    /// <summary>Loads every <c>sequence.yaml</c>; returns null when any has an error.</summary>
    public static SequenceCatalog? TryLoad(string templatesDirectory, ClinicGroup group, TemplateLibrary templates, List<FileFinding> findings)
    {
        var sequences = new List<Sequence>();
        foreach (var folder in Directory.EnumerateDirectories(templatesDirectory).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "sequence.yaml");
            if (TemplateLibrary.IsContentFolder(Path.GetFileName(folder)) || !File.Exists(file))
            {
                continue;
            }

            if (SequenceParser.Read(file, Path.GetFileName(folder), group, templates, findings) is { } sequence)
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
}
