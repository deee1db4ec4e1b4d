namespace NurtureHealth.Scoring;

/// <summary>The arithmetic of a score: exponential decay with a half-life, then a rule's points on top.</summary>
public static class LeadScore
{
    /// <summary>The score <paramref name="score"/> at <paramref name="at"/> is worth at <paramref name="now"/>.</summary>
    public static double Decay(double score, DateTimeOffset? at, DateTimeOffset now, TimeSpan halfLife) =>
        at is null || now <= at ? score : score * Math.Pow(0.5, (now - at.Value) / halfLife);

    /// <summary>Applies a rule to a contact's score: decays it to now, adds the points, records the change.</summary>
    public static ScoreChange Apply(Leads.Contact contact, string rule, double points, DateTimeOffset now, TimeSpan halfLife)
    {
        var before = Math.Round(Decay(contact.Score, contact.ScoreAt, now, halfLife), 2);
        var after = Math.Round(before + points, 2);
        (contact.Score, contact.ScoreAt) = (after, now);
        return new ScoreChange { ContactId = contact.Id, At = now, Rule = rule, Points = points, Before = before, After = after };
    }
}
