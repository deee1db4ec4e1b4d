namespace NurtureHealth.Yaml;

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
