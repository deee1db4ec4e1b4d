using Fluid;

namespace NurtureHealth.Templates;

/// <summary>The shared email layout: HTML and plain text, wrapped around every email's body.</summary>
public sealed record EmailLayout(string HtmlPath, string TextPath, string Hash)
{
    internal IFluidTemplate Html { get; init; } = null!;

    internal IFluidTemplate Text { get; init; } = null!;
}
