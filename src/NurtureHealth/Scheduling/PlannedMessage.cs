using NurtureHealth.Touches;

namespace NurtureHealth.Scheduling;

/// <summary>A message already sent to, or planned for, one person (from any sequence).</summary>
public readonly record struct PlannedMessage(DateTimeOffset At, Channel Channel);
