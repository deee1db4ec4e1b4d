namespace NurtureHealth.Yaml;

/// <summary>How serious a finding in an edited file is.</summary>
public enum FindingSeverity
{
    /// <summary>The file cannot be used as it is.</summary>
    Error,

    /// <summary>The file works, but something in it deserves a look.</summary>
    Warning,
}

/// <summary>
/// One problem found in a file a person edits, located by line and column (1-based), printed the way
/// compilers print them so editors can jump to it: <c>file:line:col: error: message</c>.
/// </summary>
public sealed record FileFinding(string File, int Line, int Column, FindingSeverity Severity, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {(Severity == FindingSeverity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>Raised when edited files hold errors; carries every finding, not just the first.</summary>
public sealed class FileFindingsException(IReadOnlyList<FileFinding> findings)
    : Exception(Describe(findings))
{
    /// <summary>All findings, errors first.</summary>
    public IReadOnlyList<FileFinding> Findings { get; } = findings;

    private static string Describe(IReadOnlyList<FileFinding> findings) =>
        $"{findings.Count(f => f.Severity == FindingSeverity.Error)} error(s) in edited files:" + Environment.NewLine +
        string.Join(Environment.NewLine, findings.Select(f => "  " + f));
}
