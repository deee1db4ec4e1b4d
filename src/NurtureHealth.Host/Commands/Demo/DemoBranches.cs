using Microsoft.EntityFrameworkCore;
using NurtureHealth.Sequences;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>
/// The demo's account of listening: for each step that chooses a template, which template went out how often; and the
/// leads handed to the locations' staff.
/// </summary>
internal static class DemoBranches
{
    public static async Task PrintAsync(TextWriter output, NurtureDbContext db, SequenceCatalog sequences, CancellationToken cancellationToken)
    {
        var handOffs = await db.HandOffs.AsNoTracking().GroupBy(h => h.Reason).Select(g => new { g.Key, N = g.Count(), Told = g.Count(h => h.NotifyOutcome == "sent") })
            .ToListAsync(cancellationToken);
        if (handOffs.Count > 0)
        {
            output.WriteLine($"Hot leads handed to the locations' staff: {string.Join("; ", handOffs.Select(h => $"{h.N} {Describe(h.Key)} ({h.Told} staff emails sent)"))}");
        }

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

    private static string Describe(string reason) => reason switch
    {
        HandOffs.HandOffReason.HotLead => "clicked to book and had not booked a day later",
        HandOffs.HandOffReason.Score => "crossed the hand-off score",
        _ => reason,
    };
}
