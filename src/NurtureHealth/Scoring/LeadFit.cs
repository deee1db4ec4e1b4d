using Microsoft.Extensions.Options;

namespace NurtureHealth.Scoring;

/// <summary>The fit rules a new lead meets when it is enrolled (<see cref="ScoringOptions"/>): its source, its service line, how near it lives.</summary>
public sealed class LeadFit(IOptions<ScoringOptions> options)
{
    /// <summary>Scores the contact for the lead's fit, returning each change to record.</summary>
    public IEnumerable<ScoreChange> Score(Leads.Lead lead, Leads.Contact contact, DateTimeOffset now)
    {
        var o = options.Value;
        foreach (var (rule, points) in Rules(lead, o))
        {
            yield return LeadScore.Apply(contact, rule, points, now, o.HalfLife);
        }
    }

    private static IEnumerable<(string Rule, double Points)> Rules(Leads.Lead lead, ScoringOptions o)
    {
        if (o.Sources.TryGetValue(lead.Source, out var source) && source != 0)
        {
            yield return ($"fit: source {lead.Source}", source);
        }

        if (o.ServiceLines.TryGetValue(lead.ServiceLine, out var line) && line != 0)
        {
            yield return ($"fit: service line {lead.ServiceLine}", line);
        }

        if (lead.DistanceKm is { } km && km <= o.NearKm && o.NearPoints != 0)
        {
            yield return ($"fit: within {o.NearKm:0.#} km", o.NearPoints);
        }
    }
}
