namespace NurtureHealth.Sequences;

/// <summary>
/// A wait-until step: the sequence goes on as soon as <see cref="Until"/> holds (the next step), or, when
/// <see cref="Timeout"/> passes first, at <see cref="OnTimeout"/> (a later step; the next step when null).
/// </summary>
/// <param name="Until">Conditions on engagement that end the wait (all must hold).</param>
/// <param name="Timeout">How long to wait.</param>
/// <param name="OnTimeout">The step to go on at when the wait times out, or null for the next step.</param>
public sealed record StepWait(IReadOnlyList<StepCondition> Until, TimeSpan Timeout, string? OnTimeout);
