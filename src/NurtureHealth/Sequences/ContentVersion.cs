using NurtureHealth.Templates;
using NurtureHealth.Yaml;

namespace NurtureHealth.Sequences;

/// <summary>One checked version of the templates and sequences, and where it came from.</summary>
/// <param name="Templates">The templates.</param>
/// <param name="Sequences">The sequences.</param>
/// <param name="Warnings">Warnings found while loading (the content works, but deserves a look).</param>
/// <param name="Commit">The git commit of the templates folder when it is a git checkout (<c>-modified</c> when it has uncommitted changes), else null.</param>
/// <param name="LoadedAt">When this version was loaded.</param>
public sealed record ContentVersion(TemplateLibrary Templates, SequenceCatalog Sequences, IReadOnlyList<FileFinding> Warnings, string? Commit, DateTimeOffset LoadedAt);
