using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NurtureHealth.Scoring;

/// <summary>How <see cref="ScoreChange"/> is stored (names are snake_case by convention, see <see cref="Storage.NurtureDatabase"/>).</summary>
internal sealed class ScoreChangeConfiguration : IEntityTypeConfiguration<ScoreChange>
{
    public void Configure(EntityTypeBuilder<ScoreChange> e)
    {
        e.ToTable("score_changes");
        e.HasIndex(x => new { x.ContactId, x.At });
    }
}
