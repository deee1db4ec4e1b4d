using Microsoft.EntityFrameworkCore;
using NurtureHealth.Messaging;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>The demo's account of its branches: for each step that chooses a template, which template went out how often.</summary>
internal static class DemoBranches
{
    public static async Task PrintAsync(TextWriter output, NurtureDbContext db, SequenceCatalog sequences, CancellationToken cancellationToken)
    {
        var branching = sequences.Sequences.SelectMany(s => s.Steps.Where(x => x.Choices.Count > 0).Select(x => (Sequence: s, Step: x))).ToList();
        if (branching.Count == 0)
        {
            return;
        }

        output.WriteLine("Branches (what a patient did decided what they got):");
        foreach (var (sequence, step) in branching)
        {
            var sent = await db.Touches.AsNoTracking()
                .Where(t => t.Status == TouchStatus.Sent && t.StepId == step.Id && db.Enrollments.Any(e => e.Id == t.EnrollmentId && e.SequenceId == sequence.Id))
                .Select(t => t.TemplatePath!).ToListAsync(cancellationToken);
            var skipped = await db.Touches.AsNoTracking()
                .CountAsync(t => t.Status == TouchStatus.Skipped && t.StepId == step.Id && db.Enrollments.Any(e => e.Id == t.EnrollmentId && e.SequenceId == sequence.Id), cancellationToken);
            var byTemplate = step.Choices.Select(c => (c, Count: sent.Count(p => Path.GetFileName(p).StartsWith(c.Template + ".", StringComparison.Ordinal))));
            var parts = byTemplate.Select(x => $"{x.c.Template} {x.Count} ({(x.c.When.Count == 0 ? "otherwise" : string.Join(" and ", x.c.When))})");
            output.WriteLine($"  {sequence.Id}/{step.Id}: {string.Join("; ", parts)}{(skipped > 0 ? $"; skipped {skipped}" : "")}");
        }
    }
}
