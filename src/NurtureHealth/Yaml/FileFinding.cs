namespace NurtureHealth.Yaml;

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
