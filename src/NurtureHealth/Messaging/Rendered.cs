using NurtureHealth.Templates;

namespace NurtureHealth.Messaging;

/// <summary>A rendered touch, ready for its sender, with what the touch row records about it.</summary>
internal sealed record Rendered(OutgoingEmail? Email, OutgoingSms? Sms, string? Subject, SmsSize? Size, string TemplatePath, string TemplateHash)
{
    /// <summary>The email layout wrapped around it, when an email.</summary>
    public EmailLayout? Layout { get; init; }

    /// <summary>The git commit of the content version it was rendered from, if any.</summary>
    public string? ContentCommit { get; init; }
}
