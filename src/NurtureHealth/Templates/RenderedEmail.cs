namespace NurtureHealth.Templates;

/// <summary>A rendered email: subject, preheader, HTML and plain-text bodies, and the files that made it.</summary>
public sealed record RenderedEmail(string Subject, string Preheader, string Html, string Text, MessageTemplate Template, EmailLayout Layout);
