using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Checks;

/// <summary>What one check of the locations and templates folders found, and what it loaded when there were no errors.</summary>
/// <param name="Findings">Every finding, errors first, then by file, line and column.</param>
/// <param name="Group">The clinic group, or null when a location file has an error.</param>
/// <param name="Templates">The templates, or null when a template has an error.</param>
/// <param name="Sequences">The sequences, or null when anything has an error.</param>
public sealed record ContentCheckResult(IReadOnlyList<FileFinding> Findings, ClinicGroup? Group, TemplateLibrary? Templates, SequenceCatalog? Sequences)
{
    /// <summary>How many files were read.</summary>
    public int Files { get; init; }

    /// <summary>True when any finding is an error: the content cannot be used as it is.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>The findings in one file (its display path).</summary>
    public IEnumerable<FileFinding> In(string file) => Findings.Where(f => f.File == file);
}
