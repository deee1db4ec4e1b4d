using NurtureHealth.Yaml;

namespace NurtureHealth.Templates;

/// <summary>One checked version of the templates, and where it came from.</summary>
/// <param name="Library">The templates and layouts.</param>
/// <param name="Warnings">Warnings found while loading.</param>
/// <param name="Commit">The git commit of the templates folder when it is a git checkout (<c>-modified</c> when it has uncommitted changes), else null.</param>
/// <param name="LoadedAt">When this version was loaded.</param>
public sealed record TemplateVersion(TemplateLibrary Library, IReadOnlyList<FileFinding> Warnings, string? Commit, DateTimeOffset LoadedAt);
