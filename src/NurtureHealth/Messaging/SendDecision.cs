namespace NurtureHealth.Messaging;

/// <summary>What dispatch does with a Ready touch it claimed, decided by <see cref="SendDecider"/>.</summary>
public abstract record SendDecision
{
    /// <summary>Render it and send it now.</summary>
    public sealed record Send : SendDecision;

    /// <summary>Not now: back to the queue until <paramref name="Until"/> (outside the send window, over a cap).</summary>
    public sealed record Defer(DateTimeOffset Until, string Why) : SendDecision;

    /// <summary>Its enrollment ended before it went.</summary>
    public sealed record Cancel(string Why) : SendDecision;

    /// <summary>Not sent, on purpose (its location went away, the channel no longer reaches the patient); the sequence goes on.</summary>
    public sealed record Skip(string Why) : SendDecision;
}
