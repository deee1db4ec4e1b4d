namespace NurtureHealth.Messaging;

/// <summary>What recovery found.</summary>
/// <param name="Released">Ready or claimed touches given back to their sequence to decide again (never sent).</param>
/// <param name="ConfirmedSent">Touches left Sending that the sender confirms went.</param>
/// <param name="NotSent">Touches left Sending that the sender confirms did not go: queued again.</param>
/// <param name="Uncertain">Touches left Sending whose fate nobody can tell: recorded Uncertain, never sent again.</param>
public sealed record RecoveryReport(int Released, int ConfirmedSent, int NotSent, int Uncertain);
