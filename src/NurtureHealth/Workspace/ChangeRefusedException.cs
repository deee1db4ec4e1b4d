namespace NurtureHealth.Workspace;

/// <summary>A change the workspace will not submit or publish, with the reason in plain words and the check's findings, if any.</summary>
public sealed class ChangeRefusedException(string message, IReadOnlyList<string>? findings = null) : Exception(message)
{
    /// <summary>The <c>nurture check</c> errors that stop it.</summary>
    public IReadOnlyList<string> Findings { get; } = findings ?? [];
}
