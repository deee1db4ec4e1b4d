namespace NurtureHealth.Scoring;

/// <summary>One change to a contact's score and the rule that made it (<c>score_changes</c>).</summary>
public sealed class ScoreChange
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The rule, in words: <c>fit: source web-form</c>, <c>behaviour: clicked</c>.</summary>
    public string Rule { get; set; } = "";

    /// <summary>Points the rule added.</summary>
    public double Points { get; set; }

    /// <summary>The score before the rule, after decay to <see cref="At"/>.</summary>
    public double Before { get; set; }

    /// <summary>The score after.</summary>
    public double After { get; set; }
}
