using Fluid;
using NurtureHealth.Touches;

namespace NurtureHealth.Templates;

/// <summary>One template file, parsed and checked: an email (subject, preheader, Markdown body) or an SMS (plain text).</summary>
/// <param name="Path">Where it came from, relative to where NurtureHealth runs (shown in findings and provenance).</param>
/// <param name="LocationId">The location whose override this is, or null for the group template.</param>
/// <param name="Sequence">The sequence id (its folder).</param>
/// <param name="Step">The step id (the file name before the language).</param>
/// <param name="Language">The language tag in the file name.</param>
/// <param name="Channel">Email for <c>.md</c>, SMS for <c>.txt</c>.</param>
/// <param name="Hash">SHA-256 of the file's bytes, hex: which version a patient got.</param>
public sealed record MessageTemplate(
    string Path,
    string? LocationId,
    string Sequence,
    string Step,
    string Language,
    Channel Channel,
    string Hash)
{
    internal IFluidTemplate Body { get; init; } = null!;

    internal IFluidTemplate? Subject { get; init; }

    internal IFluidTemplate? Preheader { get; init; }

    /// <summary>The raw body text (after front matter), for checks that read the wording.</summary>
    public string BodySource { get; init; } = "";

    /// <summary>The raw subject line, for checks.</summary>
    public string? SubjectSource { get; init; }
}
